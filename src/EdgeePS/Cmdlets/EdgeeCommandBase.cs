using System;
using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using EdgeePS.Settings;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What every command that talks to the gateway shares: connection parameters and stopping. The core runs
    /// synchronously on the pipeline thread (the only thread that may write to the pipeline), so its narration
    /// goes straight to the verbose stream.
    /// </summary>
    public abstract class EdgeeCommandBase : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private static string? _userAgent;


        /// <summary>Overrides Connect-Edgee and $env:EDGEE_API_KEY. A plain string or a SecureString (e.g. from Get-Secret).</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>Overrides Connect-Edgee and $env:EDGEE_BASE_URL; default https://api.edgee.ai. With or without a trailing '/' or '/v1'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BaseUrl { get; set; }

        /// <summary>How long to wait for the gateway to start answering; 0 waits without limit (the default).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? TimeoutSec { get; set; }

        /// <summary>Retries of a request that failed (408, 429, 5xx, connection) before anything arrived; default 2, 0 disables.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int? MaximumRetryCount { get; set; }

        /// <summary>Wait before the first retry, doubled (with jitter) for later ones; default 1. A Retry-After from the gateway wins.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int? RetryIntervalSec { get; set; }

        /// <summary>Send requests through this HTTP proxy instead of the system's (HTTPS_PROXY, NO_PROXY).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Allow sending the key over plain http to a host that is not this machine.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>Fires when the user presses Ctrl+C; every read and request observes it.</summary>
        protected CancellationToken StopToken => _stop.Token;

        /// <summary>Resolved in BeginProcessing, so the environment is read at each invocation.</summary>
        private protected EdgeeClientOptions Options { get; private set; } = null!;

        /// <summary>What this command's own parameters said, exactly as <see cref="Options"/> was resolved from.</summary>
        private protected ConnectionSettings Parameters { get; private set; } = null!;

        /// <summary>The session layer the parameters go over; Connect-Edgee, which replaces it, checks its settings without it.</summary>
        private protected virtual ConnectionSettings? Session => SessionConfiguration.Current;

        protected override void BeginProcessing()
        {
            try
            {
                Parameters = ParameterSettings();
                Options = EdgeeSettings.Resolve(Parameters, Session);
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, BaseUrl));
            }

            Options.UserAgent = UserAgent();
            Options.Log = WriteVerbose;
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>The settings this command's own parameters give; null where a parameter was not used.</summary>
        private protected virtual ConnectionSettings ParameterSettings() => new ConnectionSettings
        {
            ApiKey = ToPlainText(ApiKey),
            BaseUrl = BaseUrl,
            ResponseTimeout = TimeoutSec is int seconds ? (seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan) : (TimeSpan?)null,
            MaximumRetryCount = MaximumRetryCount,
            RetryInterval = RetryIntervalSec is int interval ? TimeSpan.FromSeconds(interval) : (TimeSpan?)null,
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication.IsPresent ? true : (bool?)null,
        };

        /// <summary>Runs blocking core work; if Ctrl+C cancelled it, tells the engine the pipeline stopped.</summary>
        private protected TResult UntilStopped<TState, TResult>(TState state, Func<TState, TResult> wait)
        {
            try
            {
                return wait(state);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        internal static string? ToPlainText(SecureString? secret)
        {
            if (secret is null)
            {
                return null;
            }

            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        // The same for the life of the process; worked out once rather than per command.
        private string UserAgent()
        {
            if (_userAgent is null)
            {
                var version = typeof(EdgeeCommandBase).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
                var psVersion = (SessionState.PSVariable.GetValue("PSVersionTable") as IDictionary)?["PSVersion"];
                _userAgent = $"EdgeePS/{version} PowerShell/{psVersion}";
            }

            return _userAgent;
        }
    }
}
