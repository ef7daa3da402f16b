using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// Walks two object graphs through every public instance property (lists item by item, dictionaries key by key,
/// JSON values by their text) and names each place where they differ, e.g. <c>$.Choices[1].Message.ToolCalls[0].Id</c>.
/// </summary>
public static class PublicPropertyComparison
{
    private const int MaxDepth = 32;

    public static IReadOnlyList<string> Differences(object? expected, object? actual)
    {
        var differences = new List<string>();
        Compare("$", expected, actual, differences, 0);
        return differences;
    }

    private static void Compare(string path, object? expected, object? actual, List<string> differences, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{path}: nested more than {MaxDepth} levels (a cycle?).");
        }

        if (expected is null || actual is null)
        {
            if (!(expected is null && actual is null))
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (expected.GetType() != actual.GetType())
        {
            differences.Add($"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}");
            return;
        }

        switch (expected)
        {
            case JsonElement element:
                if (element.GetRawText() != ((JsonElement)actual).GetRawText())
                {
                    differences.Add($"{path}: expected {element.GetRawText()}, got {((JsonElement)actual).GetRawText()}");
                }

                return;
            case string or ValueType:
                if (!expected.Equals(actual))
                {
                    differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                }

                return;
            case IDictionary dictionary:
                CompareDictionaries(path, dictionary, (IDictionary)actual, differences, depth);
                return;
            case IEnumerable items:
                var expectedItems = items.Cast<object?>().ToList();
                var actualItems = ((IEnumerable)actual).Cast<object?>().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    differences.Add($"{path}: expected {expectedItems.Count} item(s), got {actualItems.Count}");
                }

                for (var index = 0; index < Math.Min(expectedItems.Count, actualItems.Count); index++)
                {
                    Compare($"{path}[{index}]", expectedItems[index], actualItems[index], differences, depth + 1);
                }

                return;
        }

        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0)
            {
                Compare($"{path}.{property.Name}", property.GetValue(expected), property.GetValue(actual), differences, depth + 1);
            }
        }
    }

    private static void CompareDictionaries(string path, IDictionary expected, IDictionary actual, List<string> differences, int depth)
    {
        foreach (var key in expected.Keys.Cast<object>().Concat(actual.Keys.Cast<object>()).Distinct())
        {
            if (!expected.Contains(key) || !actual.Contains(key))
            {
                differences.Add($"{path}[{key}]: {(expected.Contains(key) ? "missing" : "not expected")}");
                continue;
            }

            Compare($"{path}[{key}]", expected[key], actual[key], differences, depth + 1);
        }
    }

    private static string Show(object? value) => value is null ? "null" : value is string text ? $"\"{text}\"" : value.ToString() ?? string.Empty;
}
