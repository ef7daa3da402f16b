using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace EdgeePS.Cmdlets
{
    /// <summary>Tab completion for -ErrorType: the error types the gateway sends.</summary>
    public sealed class ErrorTypeCompleter : IArgumentCompleter
    {
        private static readonly string[] Types =
        {
            "invalid_request_error", "authentication_error", "permission_error", "not_found_error",
            "rate_limit_error", "server_error", "provider_error",
        };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Types.Where(type => type.StartsWith(wordToComplete.Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
                .Select(type => new CompletionResult(type, type, CompletionResultType.ParameterValue, type));
    }
}
