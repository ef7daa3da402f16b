using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using System.Threading;
using EdgeePS.Catalog;
using EdgeePS.Settings;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Completes -Model from the gateway's own listing when it can get one quickly, else from a built-in list.
    /// The gateway is the one the command line names: -BaseUrl, -ApiKey and -AllowUnencryptedAuthentication already
    /// typed there win over the session and the environment, as they will when the command runs. A Tab press waits at
    /// most <see cref="ListingTimeout"/>, and only when no recent listing is cached.
    /// </summary>
    public sealed class ModelCompleter : IArgumentCompleter
    {
        public static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(2);

        // Characters a double-quoted string would expand or end at.
        private static readonly char[] DoubleQuoteSpecials = { '`', '$', '"', '\u201C', '\u201D', '\u201E' };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0] : (char?)null;
            var typed = wordToComplete.Trim('\'', '"');
            var matches = Matcher(typed);
            return KnownModels(TypedSettings(fakeBoundParameters))
                .Where(matches)
                .Select(id => new CompletionResult(CompletionText(id, quote), id, CompletionResultType.ParameterValue, id))
                .ToList();
        }

        /// <summary>Case-insensitive, as PowerShell's own completers are; wildcards when the word has them.</summary>
        private static Func<string, bool> Matcher(string typed)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(typed))
            {
                return id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase);
            }

            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            return id =>
            {
                try
                {
                    return pattern.IsMatch(id);
                }
                catch (WildcardPatternException)
                {
                    return false;
                }
            };
        }

        /// <summary>
        /// The connection parameters the command line gives. The engine evaluates only constants and variables there,
        /// so a key from <c>(Get-Secret ...)</c> is simply absent; the key is used for the listing request and nothing else.
        /// </summary>
        private static ConnectionSettings TypedSettings(IDictionary fakeBoundParameters)
        {
            object? Value(string name) =>
                fakeBoundParameters.Keys.OfType<string>().FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) is string key
                    ? fakeBoundParameters[key] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters[key]
                    : null;

            return new ConnectionSettings
            {
                ApiKey = Value(nameof(EdgeeCommandBase.ApiKey)) switch
                {
                    string text => text,
                    SecureString secure => EdgeeCommandBase.ToPlainText(secure),
                    _ => null,
                },
                BaseUrl = Value(nameof(EdgeeCommandBase.BaseUrl)) as string,
                AllowUnencryptedAuthentication = Value(nameof(EdgeeCommandBase.AllowUnencryptedAuthentication)) switch
                {
                    bool set => set,
                    SwitchParameter set => set.IsPresent,
                    _ => null,
                },
            };
        }

        private static IReadOnlyList<string> KnownModels(ConnectionSettings typed)
        {
            EdgeeClientOptions options;
            try
            {
                options = EdgeeSettings.Resolve(typed, SessionConfiguration.Current);
            }
            catch (EdgeeException)
            {
                return ModelCatalog.BuiltIn;
            }

            var catalog = ModelCatalog.Shared;
            if (!catalog.TryGetRecent(options.Endpoint, out _))
            {
                options.MaximumRetryCount = 0;
                using var timeout = new CancellationTokenSource(ListingTimeout);
                try
                {
                    catalog.Remember(options.Endpoint, new EdgeeClient(options).ListModels(timeout.Token).Select(model => model.Id).OfType<string>());
                }
                catch (Exception error) when (error is EdgeeException || error is OperationCanceledException)
                {
                    catalog.RememberFailure(options.Endpoint);
                }
            }

            // The catalog knows what an empty or failed listing falls back to.
            catalog.TryGetRecent(options.Endpoint, out var ids);
            return ids;
        }

        /// <summary>The id as it must be typed: bare when the parser reads it back as this very word, else quoted.</summary>
        private static string CompletionText(string id, char? typedQuote)
        {
            if (typedQuote == '"' && id.IndexOfAny(DoubleQuoteSpecials) < 0)
            {
                return "\"" + id + "\"";
            }

            return typedQuote != null || !IsBareWord(id) ? "'" + CodeGeneration.EscapeSingleQuotedStringContent(id) + "'" : id;
        }

        // A leading '-' would be a parameter, '1e3' a number, a space or ';' two arguments: only the parser knows them all.
        private static bool IsBareWord(string id)
        {
            var script = Parser.ParseInput("Invoke-EdgeeStream " + id, out _, out var errors);
            return errors.Length == 0
                && script.EndBlock?.Statements.Count == 1
                && script.EndBlock.Statements[0] is PipelineAst { PipelineElements.Count: 1 } pipeline
                && pipeline.PipelineElements[0] is CommandAst { CommandElements.Count: 2 } command
                && command.CommandElements[1] is StringConstantExpressionAst { StringConstantType: StringConstantType.BareWord } word
                && word.Value == id;
        }
    }
}
