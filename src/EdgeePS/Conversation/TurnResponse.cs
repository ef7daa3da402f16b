using System.Collections.Generic;
using System.Linq;

namespace EdgeePS.Conversation
{
    /// <summary>
    /// The final response of a turn, made in one place for whole answers (Send-EdgeeCompletion) and joined streams
    /// (Join-EdgeeStream), so the two are equal: the last answer, with the tool calls answered, the whole
    /// conversation, the usage of every round added up, and a structured answer read into Parsed.
    /// </summary>
    internal static class TurnResponse
    {
        /// <param name="answers">The turn's answers in order, one per request: whole, or joined from their chunks.</param>
        /// <returns>The last answer, completed in place.</returns>
        public static CompletionResponse Compose(TurnRecord record, IReadOnlyList<CompletionResponse> answers)
        {
            var last = answers[answers.Count - 1];
            var messages = record.RequestMessages();
            for (var round = 1; round <= answers.Count; round++)
            {
                // An answer whose calls were answered is followed by its tool messages; the last is the answer itself.
                if (record.ToolRoundOf(round) is ToolRound toolRound)
                {
                    messages.Add(toolRound.Assistant);
                    messages.AddRange(toolRound.ToolMessages);
                }
                else if (round == answers.Count && last.Message != null)
                {
                    messages.Add(last.Message);
                }
            }

            last.Messages = messages;
            last.ToolInvocations = record.Invocations.ToList();
            last.Usage = UsageTotals.Sum(answers.Select(answer => answer.Usage));
            last.IsComplete = last.IsComplete && record.ReachedAnswer;
            record.Format?.Apply(last);
            return last;
        }
    }
}
