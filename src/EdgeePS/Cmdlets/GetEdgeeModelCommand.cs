using System.Linq;
using System.Management.Automation;
using EdgeePS.Catalog;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>Lists the models the gateway offers (GET /v1/models).</summary>
    [Cmdlet(VerbsCommon.Get, "EdgeeModel")]
    [OutputType(typeof(ModelInfo))]
    public sealed class GetEdgeeModelCommand : EdgeeCommandBase
    {
        /// <summary>Only models whose id matches one of these names; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            WriteVerbose($"GET {Options.Endpoint.Models}");
            var target = new EdgeeRequestInfo("GET", Options.Endpoint.Models, model: string.Empty, stream: false);
            try
            {
                var models = UntilStopped(new EdgeeClient(Options), client => client.ListModels(StopToken));
                ModelCatalog.Remember(Options.Endpoint, models.Select(model => model.Id).OfType<string>());
                var patterns = (Name ?? new[] { "*" }).Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase)).ToList();
                WriteObject(models.Where(model => patterns.Any(pattern => pattern.IsMatch(model.Id ?? string.Empty))), enumerateCollection: true);
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, target));
            }
        }
    }
}
