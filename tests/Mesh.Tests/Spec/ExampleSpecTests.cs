namespace Mesh.Tests.Spec;

/// <summary>The shipped examples are valid.</summary>
public sealed class ExampleSpecTests
{
    [Theory]
    [InlineData("two-sites.yaml")]
    [InlineData("lab.yaml")]
    [InlineData("multi-site.yaml")]
    public void Example_is_valid(string name)
    {
        var result = TestSpec.Load(TestSpec.Example(name));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void Empty_document_is_an_error_not_a_crash()
    {
        var result = TestSpec.Load(string.Empty);

        Assert.True(result.HasErrors);
        Assert.Null(result.Spec);
    }

    [Fact]
    public void Scalar_document_is_an_error()
    {
        var result = TestSpec.Load("just text\n");

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Line == 1 && d.Message.Contains("must be a mapping", StringComparison.Ordinal));
    }
}
