using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CIA.Engine.IO;

/// <summary>The one way outputs write JSON: indented, UTF-8, accents kept readable, field order as written.</summary>
internal static class JsonText
{
    /// <summary>Writer options shared by every JSON output.</summary>
    public static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same, on one line: each line of newline-delimited JSON (NDJSON).</summary>
    public static JsonWriterOptions Compact { get; } = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes JSON with <paramref name="body"/> and returns it as text: indented, or on one line.</summary>
    public static string Write(Action<Utf8JsonWriter> body, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, indented ? Options : Compact))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
