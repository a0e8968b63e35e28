using System.Globalization;
using System.Xml.Linq;

namespace CIA.Engine.Tests.Reporting.Charts;

/// <summary>Reads a chart back: parses it as XML (so a chart that is not well-formed fails) and finds its marks by class.</summary>
internal static class Chart
{
    public static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    public static XElement Parse(string markup) => XDocument.Parse(markup, LoadOptions.None).Root!;

    public static IEnumerable<XElement> WithClass(this XElement root, string css) =>
        root.DescendantsAndSelf().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(css) == true);

    public static double D(this XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static XElement Row(this XElement root, string label) =>
        root.WithClass("row").Single(r => (string?)r.Attribute("data-label") == label);
}
