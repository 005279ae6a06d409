using Mesh.Cli;
using Mesh.Cli.Lab;
using TestSupport;

namespace Mesh.Cli.Tests.Lab;

/// <summary>
/// Issue 10's acceptance test: `meshctl lab up --down-after` builds the seed's network in namespaces with the
/// real meshd (published by scripts/setup), real FRR, userspace WireGuard and Knot DNS, runs checks 1-7, and
/// leaves nothing behind.
/// </summary>
public sealed class LabAcceptanceTests
{
    [Fact]
    public void Lab_up_passes_all_seven_checks_and_down_leaves_nothing()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("knotd", "knotc", "vtysh", "iperf3", "nft", "python3");
        var meshd = Repo.Path(".build", "meshd", "meshd");
        Assert.SkipUnless(File.Exists(meshd) || Privileged.IsCi, "run scripts/setup first (it publishes .build/meshd)");
        Environment.SetEnvironmentVariable("MESHD_BIN", meshd);
        using var output = new StringWriter();
        int code;
        try
        {
            code = Cli.Run(["lab", "up", "--down-after"], output, output, TextReader.Null);
        }
        finally
        {
            if (LabRunner.Leftovers().Count > 0)
            {
                new LabRunner(TextWriter.Null).Down();
            }
        }

        var text = output.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        for (var check = 1; check <= 7; check++)
        {
            Assert.Contains($"PASS {check}.", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, code);
        Assert.Empty(LabRunner.Leftovers());
    }
}
