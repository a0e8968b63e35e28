using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CIA.Engine.IO;

/// <summary>The one way outputs write JSON: indented, UTF-8, accents kept readable, field order as written.</summary>
internal static class JsonText
{
    /// <summary>Writer options shared by every JSON output.</summary>
    public static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes JSON with <paramref name="body"/> and returns it as text.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, Options))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
