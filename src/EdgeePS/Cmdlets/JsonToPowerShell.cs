using System.Management.Automation;
using System.Text.Json;
using EdgeePS.Serialization;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// JSON into the objects ConvertFrom-Json makes, without needing that cmdlet's module in the session: the values
    /// as <see cref="JsonValues"/> reads them, objects as [pscustomobject].
    /// </summary>
    internal static class JsonToPowerShell
    {
        public static object? Convert(JsonElement element) => JsonValues.ToValue(element, properties =>
        {
            var result = new PSObject();
            foreach (var property in properties)
            {
                // A repeated name keeps its last value, as ConvertFrom-Json does; PSObject refuses a name twice.
                result.Properties.Remove(property.Key);
                result.Properties.Add(new PSNoteProperty(property.Key, property.Value));
            }

            return result;
        });
    }
}
