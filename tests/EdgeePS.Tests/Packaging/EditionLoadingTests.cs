using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// In this PowerShell 7 process, importing the repository's manifest loads the net8.0 build from module/core, and
/// nothing loaded from the module's folders brings its own IAsyncEnumerable: the type stays the runtime's.
/// </summary>
public sealed class EditionLoadingTests
{
    private const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";

    [Fact]
    public void PowerShell7ImportsTheCoreBuildAndNoSecondIAsyncEnumerable()
    {
        using var session = new PowerShellSession();
        var moduleFolder = Path.Combine(ModulePaths.RepoRoot, "module") + Path.DirectorySeparatorChar;

        var result = session.Run(
            "$PSVersionTable.PSVersion.Major; (Get-Command -Name Invoke-EdgeeStream).ImplementingType.Assembly.Location").EnsureSuccess();

        Assert.Equal("7", result.Output[0].ToString());
        Assert.Equal(Path.Combine(ModulePaths.CoreModuleDirectory, "EdgeePS.dll"), result.Output[1].ToString());
        var fromModule = AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => !assembly.IsDynamic && assembly.Location.StartsWith(moduleFolder, StringComparison.Ordinal))
            .ToList();
        Assert.Contains(fromModule, assembly => assembly.GetName().Name == "EdgeePS");
        Assert.DoesNotContain(fromModule, assembly => assembly.Location.Contains($"{Path.DirectorySeparatorChar}desktop{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.All(fromModule, assembly => Assert.NotEqual(assembly, assembly.GetType(AsyncEnumerable, throwOnError: false)?.Assembly));
        Assert.Equal(typeof(IAsyncEnumerable<>).Assembly, typeof(object).Assembly);
    }
}
