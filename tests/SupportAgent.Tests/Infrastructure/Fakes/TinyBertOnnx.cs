using Google.Protobuf;

namespace SupportAgent.Tests.Infrastructure.Fakes;

/// <summary>
/// Writes a tiny but real ONNX model, hand-encoded as the ModelProto protobuf (onnx.proto field numbers): one Gather
/// over an embedding table, <c>input_ids [batch, sequence]</c> → <c>last_hidden_state [batch, sequence, hidden]</c>,
/// the shape of a BERT encoder's output. No weights can be downloaded here; this lets the real loading, tokenizing and
/// pooling code run against ONNX Runtime.
/// </summary>
public static class TinyBertOnnx
{
    public static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "ship", "##ping", "canada", "return", "jacket"];

    /// <summary>Row i of the embedding table: distinct, non-collinear values so a wrong pooling shows.</summary>
    public static float[] Row(int id) => [id, 1f, id % 3 == 0 ? 2f : -1f, 0.5f * id * id - 3f];

    public const int Hidden = 4;

    public static (string Model, string Vocab) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var vocab = Path.Combine(folder, "vocab.txt");
        File.WriteAllLines(vocab, Vocabulary);
        var model = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(model, Model());
        return (model, vocab);
    }

    private static byte[] Model() => Message(o =>
    {
        Varint(o, 1, 8);                                                    // ir_version
        String(o, 2, "supportagent-tests");                                 // producer_name
        Bytes(o, 7, Graph());                                               // graph
        Bytes(o, 8, Message(op => { String(op, 1, ""); Varint(op, 2, 13); })); // opset_import: ai.onnx 13
    });

    private static byte[] Graph() => Message(o =>
    {
        Bytes(o, 1, Message(n =>                                            // node: Gather(embeddings, input_ids)
        {
            String(n, 1, "embeddings"); String(n, 1, "input_ids"); String(n, 2, "last_hidden_state");
            String(n, 3, "lookup"); String(n, 4, "Gather");
        }));
        String(o, 2, "tiny-bert");
        Bytes(o, 5, Message(t =>                                            // initializer: the embedding table
        {
            Varint(t, 1, Vocabulary.Length); Varint(t, 1, Hidden); Varint(t, 2, 1 /* FLOAT */); String(t, 8, "embeddings");
            var table = Enumerable.Range(0, Vocabulary.Length).SelectMany(Row).ToArray();
            Bytes(t, 9, table.SelectMany(BitConverter.GetBytes).ToArray());
        }));
        Bytes(o, 11, ValueInfo("input_ids", 7 /* INT64 */, "batch", "sequence"));
        Bytes(o, 12, ValueInfo("last_hidden_state", 1 /* FLOAT */, "batch", "sequence", Hidden));
    });

    private static byte[] ValueInfo(string name, int elementType, params object[] shape) => Message(v =>
    {
        String(v, 1, name);
        Bytes(v, 2, Message(type => Bytes(type, 1, Message(tensor =>        // TypeProto.tensor_type
        {
            Varint(tensor, 1, elementType);
            Bytes(tensor, 2, Message(s =>                                   // TensorShapeProto
            {
                foreach (var dim in shape)
                    Bytes(s, 1, Message(d => { if (dim is int size) Varint(d, 1, size); else String(d, 2, (string)dim); }));
            }));
        }))));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    private static void Varint(CodedOutputStream o, int field, long value) { o.WriteTag(field, WireFormat.WireType.Varint); o.WriteInt64(value); }
    private static void String(CodedOutputStream o, int field, string value) { o.WriteTag(field, WireFormat.WireType.LengthDelimited); o.WriteString(value); }
    private static void Bytes(CodedOutputStream o, int field, byte[] value) { o.WriteTag(field, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(value)); }
}
