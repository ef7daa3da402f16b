using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using EdgeePS.Catalog;
using EdgeePS.Settings;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Completes -Model from the gateway's own listing when it can get one quickly, else from a built-in list.
    /// A Tab press waits at most <see cref="ListingTimeout"/>, and only when no recent listing is cached.
    /// </summary>
    public sealed class ModelCompleter : IArgumentCompleter
    {
        public static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = wordToComplete.Trim('\'', '"');
            return KnownModels()
                .Where(id => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id));
        }

        private static IReadOnlyList<string> KnownModels()
        {
            EdgeeClientOptions options;
            try
            {
                options = EdgeeSettings.Resolve(new ConnectionSettings(), SessionConfiguration.Current);
            }
            catch (EdgeeException)
            {
                return ModelCatalog.BuiltIn;
            }

            if (!ModelCatalog.TryGetRecent(options.Endpoint, out _))
            {
                options.MaximumRetryCount = 0;
                using var timeout = new CancellationTokenSource(ListingTimeout);
                try
                {
                    ModelCatalog.Remember(options.Endpoint, new EdgeeClient(options).ListModels(timeout.Token).Select(model => model.Id).OfType<string>());
                }
                catch (Exception error) when (error is EdgeeException || error is OperationCanceledException)
                {
                    ModelCatalog.RememberFailure(options.Endpoint);
                }
            }

            // The catalog knows what an empty or failed listing falls back to.
            ModelCatalog.TryGetRecent(options.Endpoint, out var ids);
            return ids;
        }
    }
}
