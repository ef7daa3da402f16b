using System.Reflection;
using System.Runtime.Loader;
using EdgeePS.Module;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// The PowerShell 7 resolver answers exactly the requests for what EdgeePS ships (name, version and key), always
/// with the one copy in the module's own load context, and leaves every other request to whoever else may answer.
/// </summary>
public sealed class CoreDependencyResolverTests
{
    private const string Token = "cc7b13ffcd2ddd51";

    private static readonly string Shipped = Path.Combine(ModulePaths.CoreModuleDirectory, "dependencies", "System.Net.ServerSentEvents.dll");

    [Fact]
    public void TheShippedIdentityGetsTheModulesCopyInItsOwnContextEveryTime()
    {
        var name = AssemblyName.GetAssemblyName(Shipped);

        var first = CoreDependencyResolver.Resolve(AssemblyLoadContext.Default, name);
        var second = CoreDependencyResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName(name.FullName));

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(Shipped, first.Location);
        Assert.Equal("EdgeePS", AssemblyLoadContext.GetLoadContext(first)!.Name);
        Assert.NotSame(typeof(System.Net.ServerSentEvents.SseParser).Assembly, first);
    }

    [Theory]
    [InlineData("System.Net.ServerSentEvents, Version=9.0.0.0, Culture=neutral, PublicKeyToken=" + Token)]
    [InlineData("System.Net.ServerSentEvents, Version=11.0.0.0, Culture=neutral, PublicKeyToken=" + Token)]
    [InlineData("System.Net.ServerSentEvents")]
    [InlineData("System.Net.ServerSentEvents, Version=10.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef")]
    [InlineData("System.Net.ServerSentEvents, Version=10.0.0.0, Culture=neutral, PublicKeyToken=null")]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("EdgeePS")]
    public void AnyOtherRequestIsNotOursToAnswer(string requested)
    {
        Assert.Equal("10.0.0.0", AssemblyName.GetAssemblyName(Shipped).Version!.ToString());

        Assert.Null(CoreDependencyResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName(requested)));
    }
}
