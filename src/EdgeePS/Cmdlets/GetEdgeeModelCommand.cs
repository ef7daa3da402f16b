using System.Linq;
using System.Management.Automation;
using EdgeePS.Catalog;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Lists the models the gateway offers (GET /v1/models). As Get-Process -Name does, a name without wildcards that
    /// matches nothing is an ObjectNotFound error, while a wildcard that matches nothing is simply no output.
    /// </summary>
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
                ModelCatalog.Shared.Remember(Options.Endpoint, models.Select(model => model.Id).OfType<string>());
                var patterns = (Name ?? new[] { "*" }).Select(name => (Name: name, Pattern: new WildcardPattern(name, WildcardOptions.IgnoreCase))).ToList();
                WriteObject(models.Where(model => patterns.Any(name => name.Pattern.IsMatch(model.Id ?? string.Empty))), enumerateCollection: true);
                foreach (var (name, _) in patterns.Where(name => !WildcardPattern.ContainsWildcardCharacters(name.Name)
                             && !models.Any(model => name.Pattern.IsMatch(model.Id ?? string.Empty))))
                {
                    WriteError(ErrorRecords.From(
                        new EdgeeException(EdgeeErrorIds.ModelNotFound, $"The gateway at {Options.Endpoint} lists no model with the id '{name}'."),
                        name));
                }
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, target));
            }
        }
    }
}
