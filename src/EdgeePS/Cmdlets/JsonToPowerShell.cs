using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// JSON into the objects ConvertFrom-Json makes (objects become [pscustomobject], arrays object[], numbers Int64 or
    /// Double), without needing that cmdlet's module in the session.
    /// </summary>
    internal static class JsonToPowerShell
    {
        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        // A repeated name keeps its last value, as ConvertFrom-Json does.
                        result.Properties.Remove(property.Name);
                        result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
                    }

                    return result;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Convert).ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var integer))
                    {
                        return integer;
                    }

                    return double.Parse(element.GetRawText(), CultureInfo.InvariantCulture);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
