using System;

namespace EdgeePS.Settings
{
    /// <summary>
    /// Merges the settings layers: a command's parameters, then the session's configuration, then the
    /// environment, then the defaults. The environment is read on every call, so a script that changes
    /// it between commands is obeyed.
    /// </summary>
    internal static class EdgeeSettings
    {
        public const string ApiKeyVariable = "EDGEE_API_KEY";
        public const string BaseUrlVariable = "EDGEE_BASE_URL";

        public static EdgeeClientOptions Resolve(ConnectionSettings parameters, ConnectionSettings? session = null)
        {
            session ??= new ConnectionSettings();
            var apiKey = FirstSet(parameters.ApiKey, session.ApiKey, ApiKeyVariable).Value
                ?? throw new EdgeeException(
                    EdgeeErrorIds.ApiKeyMissing,
                    $"No API key: pass -ApiKey, run Connect-Edgee, or set the {ApiKeyVariable} environment variable. ({ApiKeyVariable} is not set.)");

            var endpoint = EdgeeEndpoint.Parse(FirstSet(parameters.BaseUrl, session.BaseUrl, BaseUrlVariable).Value ?? EdgeeEndpoint.DefaultBaseUrl);

            var allowUnencrypted = parameters.AllowUnencryptedAuthentication ?? session.AllowUnencryptedAuthentication ?? false;
            if (!endpoint.IsEncrypted && !endpoint.IsLoopback && !allowUnencrypted)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.UnencryptedAuthenticationNotAllowed,
                    $"Refusing to send the API key over unencrypted http to {endpoint}. Use https, or pass -AllowUnencryptedAuthentication if you accept the risk.");
            }

            return new EdgeeClientOptions(endpoint, apiKey)
            {
                ResponseTimeout = (parameters.ResponseTimeout ?? session.ResponseTimeout) is TimeSpan timeout ? TimerLimit.Apply(timeout) : (TimeSpan?)null,
                IdleTimeout = TimerLimit.Apply(parameters.IdleTimeout ?? session.IdleTimeout ?? EdgeeClientOptions.DefaultIdleTimeout),
                MaximumRetryCount = parameters.MaximumRetryCount ?? session.MaximumRetryCount ?? EdgeeClientOptions.DefaultMaximumRetryCount,
                RetryInterval = parameters.RetryInterval ?? session.RetryInterval ?? EdgeeClientOptions.DefaultRetryInterval,
                Proxy = parameters.Proxy ?? session.Proxy,
                ProxyCredential = parameters.Proxy != null ? parameters.ProxyCredential : parameters.ProxyCredential ?? session.ProxyCredential,
                DefaultTags = session.Tags ?? Array.Empty<string>(),
            };
        }

        /// <summary>What <see cref="Resolve"/> would use with no parameters, and where each part comes from.</summary>
        public static EdgeeConfiguration Describe(ConnectionSettings? session)
        {
            session ??= new ConnectionSettings();
            var (baseUrl, baseSource) = FirstSet(null, session.BaseUrl, BaseUrlVariable);

            return new EdgeeConfiguration
            {
                BaseUrl = baseUrl ?? EdgeeEndpoint.DefaultBaseUrl,
                BaseUrlSource = baseUrl is null ? "Default" : baseSource,
                ApiKeySource = FirstSet(null, session.ApiKey, ApiKeyVariable).Source,
                TimeoutSec = session.ResponseTimeout is TimeSpan timeout ? TimerLimit.Seconds(timeout) : null,
                IdleTimeoutSec = TimerLimit.Seconds(session.IdleTimeout ?? EdgeeClientOptions.DefaultIdleTimeout),
                MaximumRetryCount = session.MaximumRetryCount ?? EdgeeClientOptions.DefaultMaximumRetryCount,
                RetryIntervalSec = (session.RetryInterval ?? EdgeeClientOptions.DefaultRetryInterval).TotalSeconds,
                Proxy = session.Proxy,
                ProxyUser = session.ProxyCredential?.UserName,
                AllowUnencryptedAuthentication = session.AllowUnencryptedAuthentication ?? false,
                Tags = session.Tags ?? Array.Empty<string>(),
            };
        }

        /// <summary>
        /// The one precedence rule for text settings, so what Get-EdgeeConfiguration reports is what commands use:
        /// the first of parameter, session and environment variable that is not blank, and where it came from.
        /// </summary>
        private static (string? Value, string Source) FirstSet(string? parameter, string? session, string variable)
        {
            if (!string.IsNullOrWhiteSpace(parameter))
            {
                return (parameter, "Parameter");
            }

            if (!string.IsNullOrWhiteSpace(session))
            {
                return (session, "Session");
            }

            var environment = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(environment) ? (null, "None") : (environment, "Environment");
        }
    }
}
