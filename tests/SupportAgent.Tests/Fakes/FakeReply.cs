namespace SupportAgent.Tests.Fakes;

/// <summary>
/// One scripted response: content (streamed word by word when the client streams), or an error status, a delay, or a raw
/// body. <paramref name="HoldLastPiece"/> keeps a stream's last piece back until the task completes, so a test can see
/// what the client did while the model was still writing without measuring time.
/// </summary>
public sealed record FakeReply(string? Content = null, int Status = 200, TimeSpan Delay = default, string? RawBody = null,
    Task? HoldLastPiece = null)
{
    public static FakeReply Text(string content) => new(content);
    public static FakeReply Error(int status) => new(Status: status);
    public static FakeReply Slow(TimeSpan delay, string content = FakeOpenAiServer.DefaultReply) => new(content, Delay: delay);
    /// <summary>A 200 whose body is not a valid completion.</summary>
    public static FakeReply Malformed() => new(RawBody: "{\"id\": \"chatcmpl-fake\", \"choices\": [ {\"index\": 0, \"message\": ");

    /// <summary>Word-sized pieces (each keeps its leading space), like a model's token stream.</summary>
    public static List<string> Pieces(string content)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i <= content.Length; i++)
        {
            if (i == content.Length || (char.IsWhiteSpace(content[i]) && !char.IsWhiteSpace(content[i - 1])))
            {
                pieces.Add(content[start..i]);
                start = i;
            }
        }
        return pieces;
    }
}
