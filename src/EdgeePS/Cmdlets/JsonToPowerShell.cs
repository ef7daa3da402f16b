using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// JSON into the objects ConvertFrom-Json makes (objects as [pscustomobject], arrays as object[], integers as Int64,
    /// else BigInteger, other numbers as Double), without needing that cmdlet's module in the session. Strings stay
    /// strings: ConvertFrom-Json would turn date-like ones into DateTime.
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
                        // A repeated name keeps its last value, as ConvertFrom-Json does; PSObject refuses a name twice.
                        result.Properties.Remove(property.Name);
                        result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
                    }

                    return result;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(Convert).ToArray();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return Number(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object Number(JsonElement value)
        {
            var text = value.GetRawText();
            if (text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0)
            {
                return value.GetDouble();
            }

            return value.TryGetInt64(out var whole) ? whole : (object)BigInteger.Parse(text, CultureInfo.InvariantCulture);
        }
    }
}
