extern alias tools;
using System.Text.Json;
using SupportAgent.Core.Knowledge.Parsing;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Unit;

public sealed class Dstc11KnowledgeTests
{
    private const string Sample = """
        {"hotel": {"7": {"name": "A AND B GUEST HOUSE",
            "faqs": {"3": {"question": "Is there parking?", "answer": "Yes, free parking is available on site."}},
            "reviews": {"0": {"traveler_type": "Couples", "sentences": {"1": "Breakfast was great.", "0": "We loved our stay."}}}}}}
        """;

    [Fact]
    public void EachFaqAndEachReviewBecomesOneJsonlDocumentWithAStableId()
    {
        var lines = tools::SupportAgent.Tools.Bench.Dstc11Knowledge.ToJsonl(Sample).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(["hotel-7-faq-3", "hotel-7-review-0"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal("A AND B GUEST HOUSE: Is there parking?", lines[0].GetProperty("title").GetString());
        Assert.Equal("Yes, free parking is available on site.", lines[0].GetProperty("text").GetString());
        Assert.Equal("We loved our stay. Breakfast was great.", lines[1].GetProperty("text").GetString());
    }

    [DatasetFact("dstc11/knowledge.json")]
    public void TheDstc11KnowledgeGivesOverTwoThousandValidDocuments()
    {
        var path = Datasets.Require("dstc11/knowledge.json");
        if (path is null) return;

        var jsonl = tools::SupportAgent.Tools.Bench.Dstc11Knowledge.ToJsonl(File.ReadAllText(path));
        var records = JsonlParser.Records(System.Text.Encoding.UTF8.GetBytes(jsonl), "dstc11.jsonl").ToList();

        Assert.True(records.Count >= 2000, $"{records.Count} documents");
        Assert.All(records, r => Assert.Null(r.Error));
    }
}
