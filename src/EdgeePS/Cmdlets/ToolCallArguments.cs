using System.Management.Automation;
using System.Text.Json;
using EdgeePS.Serialization;

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

        private static object? ToPowerShell(JsonElement value) => JsonValues.ToValue(value, properties =>
        {
            var result = new PSObject();
            foreach (var property in properties)
            {
                // A repeated name keeps its last value, as ConvertFrom-Json -AsHashtable would; PSObject refuses twice.
                result.Properties.Remove(property.Key);
                result.Properties.Add(new PSNoteProperty(property.Key, property.Value));
            }

            return result;
        });
    }
}
