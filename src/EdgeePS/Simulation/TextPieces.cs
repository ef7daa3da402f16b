using System;
using System.Collections.Generic;

namespace EdgeePS.Simulation
{
    /// <summary>How the simulator cuts text into the pieces it streams, so the pieces always join back into the text.</summary>
    internal static class TextPieces
    {
        /// <summary>"a b c" becomes "a", " b", " c"; an empty text has no pieces.</summary>
        public static IReadOnlyList<string> Words(string text)
        {
            var pieces = new List<string>();
            if (text.Length == 0)
            {
                return pieces;
            }

            var words = text.Split(' ');
            for (var index = 0; index < words.Length; index++)
            {
                pieces.Add(index == 0 ? words[index] : " " + words[index]);
            }

            return pieces;
        }

        /// <summary>Pieces of at most <paramref name="size"/> characters, never splitting a surrogate pair.</summary>
        public static IReadOnlyList<string> Fixed(string text, int size)
        {
            var pieces = new List<string>();
            var start = 0;
            while (start < text.Length)
            {
                var length = Math.Min(size, text.Length - start);
                if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
                {
                    length++;
                }

                pieces.Add(text.Substring(start, length));
                start += length;
            }

            return pieces;
        }

        public static int CountWords(string text) =>
            text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
