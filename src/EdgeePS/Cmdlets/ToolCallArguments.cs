using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What EdgeePS.Types.ps1xml shows as a ToolCall's ArgumentsObject: the arguments' JSON as PowerShell objects, the
    /// way ConvertFrom-Json gives them (objects as PSCustomObjects, integers as Int64, else BigInteger, other numbers as
    /// Double), except that strings stay strings rather than turning into dates. Null, never an error, when the text
    /// is not JSON: a model can write anything.
    /// </summary>
    public static class ToolCallArguments
    {
        public static object? Parse(string? arguments)
        {
            if (string.IsNullOrWhiteSpace(arguments))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(arguments!);
                return ToPowerShell(document.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static object? ToPowerShell(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var property in value.EnumerateObject())
                    {
                        // A repeated name keeps its last value, as ConvertFrom-Json -AsHashtable would; PSObject refuses twice.
                        result.Properties.Remove(property.Name);
                        result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                    }

                    return result;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Select(ToPowerShell).ToArray();
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return Number(value);
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
