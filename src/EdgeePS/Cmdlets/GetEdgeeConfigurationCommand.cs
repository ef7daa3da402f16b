using System.Management.Automation;
using EdgeePS.Settings;

namespace EdgeePS.Cmdlets
{
    /// <summary>Shows the settings in force and where each comes from. Never shows the key.</summary>
    [Cmdlet(VerbsCommon.Get, "EdgeeConfiguration")]
    [OutputType(typeof(EdgeeConfiguration))]
    public sealed class GetEdgeeConfigurationCommand : PSCmdlet
    {
        protected override void EndProcessing() => WriteObject(EdgeeSettings.Describe(SessionConfiguration.Current));
    }
}
