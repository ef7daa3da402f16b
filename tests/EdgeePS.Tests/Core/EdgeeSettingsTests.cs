using EdgeePS.Settings;
using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="EdgeeSettings.Resolve"/>: a command's parameters, then the session's configuration, then
/// EDGEE_API_KEY / EDGEE_BASE_URL, then the default; no key over plain http to a remote host unless allowed.
/// These tests set process environment variables, so they run alone.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EdgeeSettingsTests
{
    private const string ParameterKey = "sk-edgee-parameter-Qm3x7TzP";
    private const string SessionKey = "sk-edgee-session-Vb5n1QsD";
    private const string EnvironmentKey = "sk-edgee-environment-Lr8w2VnK";

    [Fact]
    public void An_explicit_key_wins_over_the_environment()
    {
        WithEnvironment(EnvironmentKey, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey });

            Assert.Equal(ParameterKey, options.ApiKey);
        });
    }

    [Fact]
    public void An_explicit_key_wins_over_the_session_and_the_session_over_the_environment()
    {
        WithEnvironment(EnvironmentKey, null, () =>
        {
            var session = new ConnectionSettings { ApiKey = SessionKey };

            Assert.Equal(ParameterKey, EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey }, session).ApiKey);
            Assert.Equal(SessionKey, EdgeeSettings.Resolve(new ConnectionSettings(), session).ApiKey);
            Assert.Equal(EnvironmentKey, EdgeeSettings.Resolve(new ConnectionSettings(), new ConnectionSettings()).ApiKey);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_an_explicit_key_the_environment_key_is_used(string? explicitKey)
    {
        WithEnvironment(EnvironmentKey, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = explicitKey }, new ConnectionSettings { ApiKey = explicitKey });

            Assert.Equal(EnvironmentKey, options.ApiKey);
        });
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(null, "   ")]
    [InlineData("", "\t")]
    public void Without_any_key_resolution_fails(string? explicitKey, string? environmentKey)
    {
        WithEnvironment(environmentKey, null, () =>
        {
            var error = Record.Exception(() => EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = explicitKey }));

            var edgee = Assert.IsType<EdgeeException>(error);
            Assert.Equal(EdgeeErrorIds.ApiKeyMissing, edgee.ErrorId);
            Assert.Contains("EDGEE_API_KEY", edgee.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Without_a_base_url_the_default_gateway_is_used()
    {
        WithEnvironment(null, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey });

            Assert.Equal("https://api.edgee.ai/v1/chat/completions", options.Endpoint.ChatCompletions.AbsoluteUri);
        });
    }

    [Fact]
    public void The_environment_base_url_is_used_when_none_is_given()
    {
        WithEnvironment(null, "https://edgee.io/v1/", () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey });

            Assert.Equal("https://edgee.io/v1/chat/completions", options.Endpoint.ChatCompletions.AbsoluteUri);
        });
    }

    [Fact]
    public void An_explicit_base_url_wins_over_the_session_and_the_session_over_the_environment()
    {
        WithEnvironment(null, "https://edgee.io", () =>
        {
            var session = new ConnectionSettings { BaseUrl = "https://session.example/gw" };

            var fromParameter = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey, BaseUrl = "https://proxy.example/edgee" }, session);
            var fromSession = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey }, session);

            Assert.Equal("https://proxy.example/edgee/v1/chat/completions", fromParameter.Endpoint.ChatCompletions.AbsoluteUri);
            Assert.Equal("https://session.example/gw/v1/chat/completions", fromSession.Endpoint.ChatCompletions.AbsoluteUri);
        });
    }

    [Fact]
    public void An_invalid_environment_base_url_is_refused()
    {
        WithEnvironment(EnvironmentKey, "ftp://edgee.example", () =>
        {
            var error = Record.Exception(() => EdgeeSettings.Resolve(new ConnectionSettings()));

            var edgee = Assert.IsType<EdgeeException>(error);
            Assert.Equal(EdgeeErrorIds.InvalidBaseUrl, edgee.ErrorId);
            Assert.DoesNotContain(EnvironmentKey, edgee.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("http://api.example.com")]
    [InlineData("http://10.0.0.5:8080/v1")]
    [InlineData("http://edgee.internal")]
    public void Plain_http_to_a_remote_host_is_refused_without_permission(string baseUrl)
    {
        WithEnvironment(null, null, () =>
        {
            var error = Record.Exception(() => EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey, BaseUrl = baseUrl }));

            var edgee = Assert.IsType<EdgeeException>(error);
            Assert.Equal(EdgeeErrorIds.UnencryptedAuthenticationNotAllowed, edgee.ErrorId);
            Assert.DoesNotContain(ParameterKey, edgee.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ParameterKey, edgee.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Plain_http_from_the_environment_base_url_is_refused_without_permission()
    {
        WithEnvironment(EnvironmentKey, "http://gateway.example.com", () =>
        {
            var error = Record.Exception(() => EdgeeSettings.Resolve(new ConnectionSettings()));

            var edgee = Assert.IsType<EdgeeException>(error);
            Assert.Equal(EdgeeErrorIds.UnencryptedAuthenticationNotAllowed, edgee.ErrorId);
            Assert.DoesNotContain(EnvironmentKey, edgee.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/v1/chat/completions")]
    [InlineData("http://localhost", "http://localhost/v1/chat/completions")]
    [InlineData("http://localhost:8080/v1", "http://localhost:8080/v1/chat/completions")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/v1/chat/completions")]
    public void Plain_http_to_loopback_is_allowed(string baseUrl, string expected)
    {
        WithEnvironment(null, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey, BaseUrl = baseUrl });

            Assert.Equal(expected, options.Endpoint.ChatCompletions.AbsoluteUri);
            Assert.Equal(ParameterKey, options.ApiKey);
        });
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_allowed_with_permission()
    {
        WithEnvironment(null, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings
            {
                ApiKey = ParameterKey,
                BaseUrl = "http://api.example.com/v1",
                AllowUnencryptedAuthentication = true,
            });

            Assert.Equal("http://api.example.com/v1/chat/completions", options.Endpoint.ChatCompletions.AbsoluteUri);
        });
    }

    [Fact]
    public void Permission_for_plain_http_comes_from_the_session_unless_the_command_says_otherwise()
    {
        WithEnvironment(null, null, () =>
        {
            var session = new ConnectionSettings { BaseUrl = "http://api.example.com", AllowUnencryptedAuthentication = true };

            var inherited = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey }, session);
            var overridden = Record.Exception(() => EdgeeSettings.Resolve(
                new ConnectionSettings { ApiKey = ParameterKey, AllowUnencryptedAuthentication = false },
                session));

            Assert.Equal("http://api.example.com/v1/chat/completions", inherited.Endpoint.ChatCompletions.AbsoluteUri);
            Assert.Equal(EdgeeErrorIds.UnencryptedAuthenticationNotAllowed, Assert.IsType<EdgeeException>(overridden).ErrorId);
        });
    }

    [Fact]
    public void Timeouts_and_retries_merge_parameter_then_session_then_default()
    {
        WithEnvironment(null, null, () =>
        {
            var session = new ConnectionSettings
            {
                IdleTimeout = TimeSpan.FromSeconds(45),
                ResponseTimeout = TimeSpan.FromSeconds(20),
                MaximumRetryCount = 5,
                RetryInterval = TimeSpan.FromSeconds(3),
            };

            var fromSession = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey }, session);
            var fromParameters = EdgeeSettings.Resolve(
                new ConnectionSettings { ApiKey = ParameterKey, IdleTimeout = TimeSpan.FromSeconds(9), MaximumRetryCount = 0 },
                session);
            var defaults = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey });

            Assert.Equal(TimeSpan.FromSeconds(45), fromSession.IdleTimeout);
            Assert.Equal(TimeSpan.FromSeconds(20), fromSession.ResponseTimeout);
            Assert.Equal(5, fromSession.MaximumRetryCount);
            Assert.Equal(TimeSpan.FromSeconds(3), fromSession.RetryInterval);
            Assert.Equal(TimeSpan.FromSeconds(9), fromParameters.IdleTimeout);
            Assert.Equal(0, fromParameters.MaximumRetryCount);
            Assert.Equal(TimeSpan.FromSeconds(20), fromParameters.ResponseTimeout);
            Assert.Equal(EdgeeClientOptions.DefaultIdleTimeout, defaults.IdleTimeout);
            Assert.Null(defaults.ResponseTimeout);
        });
    }

    public static TheoryData<int, bool> TimerEdges => new()
    {
        // The longest timeout a timer holds is int.MaxValue ms: 2,147,483 whole seconds is still a limit, one more is none.
        { 2_147_483, true },
        { 2_147_484, false },
        { int.MaxValue, false },
        { 1, true },
    };

    [Theory]
    [MemberData(nameof(TimerEdges))]
    public void A_timeout_longer_than_a_timer_can_hold_means_no_limit(int seconds, bool isALimit)
    {
        WithEnvironment(null, null, () =>
        {
            var asked = TimeSpan.FromSeconds(seconds);
            var expected = isALimit ? asked : Timeout.InfiniteTimeSpan;

            var fromParameters = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = ParameterKey, IdleTimeout = asked, ResponseTimeout = asked });
            var fromSession = EdgeeSettings.Resolve(
                new ConnectionSettings { ApiKey = ParameterKey }, new ConnectionSettings { IdleTimeout = asked, ResponseTimeout = asked });
            var described = EdgeeSettings.Describe(new ConnectionSettings { IdleTimeout = asked, ResponseTimeout = asked });

            Assert.Equal(expected, fromParameters.IdleTimeout);
            Assert.Equal(expected, fromParameters.ResponseTimeout);
            Assert.Equal(expected, fromSession.IdleTimeout);
            Assert.Equal(expected, fromSession.ResponseTimeout);
            Assert.Equal(isALimit ? seconds : null, described.IdleTimeoutSec);
            Assert.Equal(isALimit ? seconds : null, described.TimeoutSec);
            Assert.Equal(2_147_483, TimerLimit.LongestSeconds);
        });
    }

    [Fact]
    public void Every_timeout_the_settings_give_is_one_a_timer_accepts()
    {
        WithEnvironment(null, null, () =>
        {
            var options = EdgeeSettings.Resolve(new ConnectionSettings
            {
                ApiKey = ParameterKey,
                IdleTimeout = TimeSpan.FromSeconds(int.MaxValue),
                ResponseTimeout = TimeSpan.FromSeconds(TimerLimit.LongestSeconds),
            });
            using var source = new CancellationTokenSource();

            // What .NET refuses with "(Parameter 'delay')" when a timeout is out of its range.
            source.CancelAfter(options.IdleTimeout);
            source.CancelAfter(options.ResponseTimeout!.Value);
            using var timer = TimeProvider.System.CreateTimer(_ => { }, null, options.IdleTimeout, Timeout.InfiniteTimeSpan);
            Assert.True(timer.Change(options.ResponseTimeout.Value, Timeout.InfiniteTimeSpan));
            Assert.False(source.IsCancellationRequested);
        });
    }

    [Fact]
    public void Neither_the_options_nor_the_settings_print_the_key()
    {
        WithEnvironment(null, null, () =>
        {
            var parameters = new ConnectionSettings { ApiKey = ParameterKey };
            var options = EdgeeSettings.Resolve(parameters);

            Assert.DoesNotContain(ParameterKey, options.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(ParameterKey, parameters.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_environment_is_read_on_every_call()
    {
        WithEnvironment(EnvironmentKey, null, () =>
        {
            var first = EdgeeSettings.Resolve(new ConnectionSettings());
            Environment.SetEnvironmentVariable(EdgeeSettings.ApiKeyVariable, "sk-edgee-changed-Ab12");
            var second = EdgeeSettings.Resolve(new ConnectionSettings());

            Assert.Equal(EnvironmentKey, first.ApiKey);
            Assert.Equal("sk-edgee-changed-Ab12", second.ApiKey);
        });
    }

    /// <summary>Runs <paramref name="test"/> with the two variables set as given (null removes one), then restores them.</summary>
    private static void WithEnvironment(string? apiKey, string? baseUrl, Action test)
    {
        var savedKey = Environment.GetEnvironmentVariable(EdgeeSettings.ApiKeyVariable);
        var savedBaseUrl = Environment.GetEnvironmentVariable(EdgeeSettings.BaseUrlVariable);
        try
        {
            Environment.SetEnvironmentVariable(EdgeeSettings.ApiKeyVariable, apiKey);
            Environment.SetEnvironmentVariable(EdgeeSettings.BaseUrlVariable, baseUrl);
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(EdgeeSettings.ApiKeyVariable, savedKey);
            Environment.SetEnvironmentVariable(EdgeeSettings.BaseUrlVariable, savedBaseUrl);
        }
    }
}
