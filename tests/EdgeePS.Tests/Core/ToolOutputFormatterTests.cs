using EdgeePS.Tools;

namespace EdgeePS.Tests.Core;

/// <summary><see cref="ToolOutputFormatter"/>: what a command wrote, as the text of a tool message, never larger than the cap.</summary>
public sealed class ToolOutputFormatterTests
{
    private static readonly Func<object, object?> Plain = value => value;

    private static string Format(IReadOnlyList<object?> output, IReadOnlyList<string>? errors = null, int maximumLength = 16000) =>
        new ToolOutputFormatter(Plain, maximumLength).Format(output, errors ?? []);

    [Fact]
    public void Strings_are_lines_of_text_objects_are_compact_json_and_nulls_are_skipped()
    {
        var text = Format(["first line", null, new { Name = "nginx", Active = false, Restarts = 3, Since = new DateTime(2025, 6, 1, 3, 12, 0, DateTimeKind.Utc) }, 42]);

        Assert.Equal("first line\n{\"Name\":\"nginx\",\"Active\":false,\"Restarts\":3,\"Since\":\"2025-06-01T03:12:00.0000000Z\"}\n42", text);
    }

    [Fact]
    public void Errors_follow_the_output_one_line_each()
    {
        Assert.Equal("half\nError: disk gone\nError: and more", Format(["half"], ["disk gone", "and more"]));
    }

    [Fact]
    public void No_output_and_no_errors_says_so()
    {
        Assert.Equal("(no output)", Format([null]));
    }

    [Fact]
    public void Objects_are_followed_three_levels_deep_and_deeper_ones_are_their_text()
    {
        var deep = new Level("1", new Level("2", new Level("3", new Level("4", null))));

        Assert.Equal(
            "{\"Name\":\"1\",\"Inner\":{\"Name\":\"2\",\"Inner\":{\"Name\":\"3\",\"Inner\":\"level 4\"}}}",
            Format([deep]));
    }

    [Fact]
    public void A_property_that_throws_is_left_out()
    {
        Assert.Equal("{\"Fine\":\"yes\"}", Format([new Throwing()]));
    }

    [Fact]
    public void Text_over_the_cap_is_cut_and_says_so()
    {
        var text = Format([new string('a', 30), new string('b', 30)], maximumLength: 40);

        Assert.Equal(new string('a', 30) + "\n" + new string('b', 9) + "\n[EdgeePS cut this output at 40 characters.]", text);
    }

    [Fact]
    public void A_huge_or_endless_object_costs_no_more_than_the_cap_allows()
    {
        var text = Format([new Endless()], maximumLength: 200);

        Assert.EndsWith("\n[EdgeePS cut this output at 200 characters.]", text);
        Assert.True(text.Length < 300, text);
    }

    [Fact]
    public void Many_items_are_cut_at_the_cap_like_one_long_one()
    {
        var text = Format(Enumerable.Repeat<object?>("line", 100000).ToList(), maximumLength: 50);

        Assert.Equal(string.Join("\n", Enumerable.Repeat("line", 10)) + "\n[EdgeePS cut this output at 50 characters.]", text);
    }

    private sealed record Level(string Name, Level? Inner)
    {
        public override string ToString() => "level " + Name;
    }

    private sealed class Throwing
    {
        public string Fine => "yes";

        public string Broken => throw new InvalidOperationException("the process has exited");
    }

    // Enumerates for ever: only the budget stops it.
    private sealed class Endless : System.Collections.IEnumerable
    {
        public System.Collections.IEnumerator GetEnumerator()
        {
            for (var index = 0; ; index++)
            {
                yield return index;
            }
        }
    }
}
