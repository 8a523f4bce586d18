using SupportAgent.Core.Evaluation;

namespace SupportAgent.Tests.Unit.Evaluation;

public sealed class EvaluationCaseReaderTests
{
    [Fact]
    public void ReadsCasesWithHistoryAndExpectations()
    {
        var cases = EvaluationCaseReader.Read("""
            {"id":"1","question":"And to Canada?","history":[{"role":"user","text":"Shipping times?"},{"role":"assistant","text":"Which country?"}],"expectedSources":["ship"],"expectedDecision":"answer","expectedCategory":"shipping"}

            {"id":"2","question":"Talk to a person"}
            """);

        Assert.Equal(2, cases.Count);
        Assert.Equal("user", cases[0].History![0].Role);
        Assert.Equal(["ship"], cases[0].ExpectedSources!);
        Assert.Null(cases[1].ExpectedDecision);
    }

    [Theory]
    [InlineData("{\"id\":\"1\",\"question\":\"q\"}\n{oops", "Line 2 is not valid JSON")]
    [InlineData("{\"question\":\"q\"}", "Line 1 has no 'id'")]
    [InlineData("{\"id\":\"1\"}", "no 'question'")]
    [InlineData("{\"id\":\"1\",\"question\":\"q\",\"expectedDecision\":\"maybe\"}", "'answer' or 'escalate'")]
    [InlineData("{\"id\":\"1\",\"question\":\"q\"}\n{\"id\":\"1\",\"question\":\"q\"}", "appears twice")]
    [InlineData("  \n ", "no cases")]
    public void ABadFileIsRejectedNamingTheLine(string jsonl, string message)
    {
        var error = Assert.Throws<EvaluationFileException>(() => EvaluationCaseReader.Read(jsonl));
        Assert.Contains(message, error.Message);
    }
}
