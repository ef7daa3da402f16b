using System.Text.Json;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What EdgeePS.Types.ps1xml shows as a ToolCall's ArgumentsObject: the arguments' JSON as PowerShell objects, the
    /// way ConvertFrom-Json gives them. Null, never an error, when the text is not JSON: a model can write anything.
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
                return JsonToPowerShell.Convert(document.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
