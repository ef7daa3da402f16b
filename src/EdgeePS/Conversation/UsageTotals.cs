using System.Collections.Generic;
using System.Linq;

namespace EdgeePS.Conversation
{
    /// <summary>Token counts added up over the rounds of a turn, detail by detail.</summary>
    internal static class UsageTotals
    {
        /// <summary>Null when no round reported usage; the one usage itself when only one did.</summary>
        public static Usage? Sum(IEnumerable<Usage?> usages)
        {
            var reported = usages.Where(usage => usage != null).Select(usage => usage!).ToList();
            if (reported.Count <= 1)
            {
                return reported.FirstOrDefault();
            }

            return new Usage
            {
                PromptTokens = reported.Sum(usage => usage.PromptTokens),
                CompletionTokens = reported.Sum(usage => usage.CompletionTokens),
                TotalTokens = reported.Sum(usage => usage.TotalTokens),
                InputTokensDetails = Sum(reported.Select(usage => usage.InputTokensDetails)),
                OutputTokensDetails = Sum(reported.Select(usage => usage.OutputTokensDetails)),
                PromptTokensDetails = Sum(reported.Select(usage => usage.PromptTokensDetails)),
                CompletionTokensDetails = Sum(reported.Select(usage => usage.CompletionTokensDetails)),
            };
        }

        private static TokenDetails? Sum(IEnumerable<TokenDetails?> details)
        {
            var reported = details.Where(detail => detail != null).Select(detail => detail!).ToList();
            if (reported.Count == 0)
            {
                return null;
            }

            return new TokenDetails
            {
                CachedTokens = Sum(reported.Select(detail => detail.CachedTokens)),
                CacheCreationTokens = Sum(reported.Select(detail => detail.CacheCreationTokens)),
                ReasoningTokens = Sum(reported.Select(detail => detail.ReasoningTokens)),
            };
        }

        private static int? Sum(IEnumerable<int?> counts)
        {
            var reported = counts.Where(count => count.HasValue).ToList();
            return reported.Count == 0 ? (int?)null : reported.Sum();
        }
    }
}
