using System.Collections;
using System.Management.Automation;
using System.Text;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// Flattens whatever a pipeline produced into text, so a test can assert that something (an API key) appears
/// nowhere a user could see it. Objects from outside the BCL, whose properties are the module's own data, are
/// walked property by property; BCL objects are rendered through ToString() only, because walking reflection
/// types and the like would explode without showing anything a user would see.
/// </summary>
internal sealed class DiagnosticTextRenderer
{
    private const int MaximumDepth = 5;
    private const int MaximumItemsPerCollection = 500;

    private readonly StringBuilder text = new();

    public override string ToString() => text.ToString();

    public void Line(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(label).Append(": ").AppendLine(value);
        }
    }

    public void ErrorRecord(string label, ErrorRecord record, int depth = 0)
    {
        Line(label, record.ToString());
        Line(label + ".FullyQualifiedErrorId", record.FullyQualifiedErrorId);
        Line(label + ".CategoryInfo", record.CategoryInfo.ToString());
        Line(label + ".ErrorDetails", record.ErrorDetails?.Message);
        Line(label + ".RecommendedAction", record.ErrorDetails?.RecommendedAction);
        Value(label + ".TargetObject", record.TargetObject, depth + 1);
        Value(label + ".Exception", record.Exception, depth + 1);
    }

    public void Value(string label, object? value, int depth = 0)
    {
        if (value is null || depth > MaximumDepth)
        {
            return;
        }
        if (value is PSObject wrapper)
        {
            if (wrapper.BaseObject is PSCustomObject)
            {
                Properties(label, wrapper, depth);
                return;
            }
            // Notes a cmdlet attached to an ordinary object are data the user sees too.
            foreach (var note in wrapper.Properties.Match("*", PSMemberTypes.NoteProperty))
            {
                Value(label + "." + note.Name, note.Value, depth + 1);
            }
            value = wrapper.BaseObject;
        }

        switch (value)
        {
            case string or char or bool or Enum or IFormattable:
                Line(label, value.ToString());
                break;
            case ErrorRecord record:
                ErrorRecord(label, record, depth);
                break;
            case Exception exception:
                Exception(label, exception, depth);
                break;
            case IDictionary dictionary:
                Line(label, dictionary.ToString());
                foreach (DictionaryEntry entry in dictionary)
                {
                    Value(label + "[" + entry.Key + "]", entry.Value, depth + 1);
                }
                break;
            case IEnumerable items:
                Line(label, items.ToString());
                var index = 0;
                foreach (var item in items)
                {
                    if (index == MaximumItemsPerCollection)
                    {
                        break;
                    }
                    Value(label + "[" + index++ + "]", item, depth + 1);
                }
                break;
            default:
                Line(label, value.ToString());
                if (!IsFromBaseClassLibrary(value.GetType()))
                {
                    Properties(label, PSObject.AsPSObject(value), depth);
                }
                break;
        }
    }

    private void Exception(string label, Exception exception, int depth)
    {
        Line(label, exception.GetType().FullName + ": " + exception.Message);
        foreach (DictionaryEntry entry in exception.Data)
        {
            Value(label + ".Data[" + entry.Key + "]", entry.Value, depth + 1);
        }
        if (!IsFromBaseClassLibrary(exception.GetType()))
        {
            Properties(label, PSObject.AsPSObject(exception), depth);
        }
        if (exception is AggregateException aggregate)
        {
            for (var index = 0; index < aggregate.InnerExceptions.Count; index++)
            {
                Value(label + ".InnerExceptions[" + index + "]", aggregate.InnerExceptions[index], depth + 1);
            }
        }
        else
        {
            Value(label + ".InnerException", exception.InnerException, depth + 1);
        }
    }

    private void Properties(string label, PSObject target, int depth)
    {
        foreach (var property in target.Properties)
        {
            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }
            if (!ReferenceEquals(propertyValue, target.BaseObject))
            {
                Value(label + "." + property.Name, propertyValue, depth + 1);
            }
        }
    }

    private static bool IsFromBaseClassLibrary(Type type)
    {
        var name = type.Namespace ?? string.Empty;
        return name == "System" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
    }
}
