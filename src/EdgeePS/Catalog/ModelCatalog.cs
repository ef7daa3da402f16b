using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using EdgeePS.Settings;

namespace EdgeePS.Catalog
{
    /// <summary>
    /// Model ids for tab completion: what a gateway listed most recently, or a built-in list of common ids.
    /// <see cref="Shared"/> serves the whole process; a listing goes stale after a while so new models appear.
    /// </summary>
    internal sealed class ModelCatalog
    {
        public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(30);

        /// <summary>After a failed listing, how long completion uses the built-in list before asking again.</summary>
        public static readonly TimeSpan RetryListingAfter = TimeSpan.FromMinutes(2);

        public static readonly IReadOnlyList<string> BuiltIn = new[]
        {
            "gpt-5.2", "gpt-5.1", "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o4-mini",
            "claude-opus-4.1", "claude-sonnet-4.5", "claude-haiku-4.5",
            "gemini-2.5-pro", "gemini-2.5-flash",
            "mistral-large", "devstral2",
        };

        public static readonly ModelCatalog Shared = new ModelCatalog(TimeProvider.System);

        private readonly TimeProvider _clock;

        private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Ids, DateTimeOffset At, TimeSpan ValidFor)> _listings =
            new ConcurrentDictionary<string, (IReadOnlyList<string> Ids, DateTimeOffset At, TimeSpan ValidFor)>(StringComparer.OrdinalIgnoreCase);

        /// <param name="clock">What "recently" is measured on; tests move a fake one.</param>
        public ModelCatalog(TimeProvider clock)
        {
            _clock = clock;
        }

        public void Remember(EdgeeEndpoint endpoint, IEnumerable<string> ids) =>
            _listings[endpoint.ToString()] = (ids.ToArray(), _clock.GetUtcNow(), FreshFor);

        public void RememberFailure(EdgeeEndpoint endpoint) =>
            _listings[endpoint.ToString()] = (Array.Empty<string>(), _clock.GetUtcNow(), RetryListingAfter);

        /// <summary>True when the gateway was asked recently enough (successfully or not) not to ask again.</summary>
        public bool TryGetRecent(EdgeeEndpoint endpoint, out IReadOnlyList<string> ids)
        {
            if (_listings.TryGetValue(endpoint.ToString(), out var listing) && _clock.GetUtcNow() - listing.At < listing.ValidFor)
            {
                ids = listing.Ids.Count > 0 ? listing.Ids : BuiltIn;
                return true;
            }

            ids = BuiltIn;
            return false;
        }
    }
}
