using System.IO.Compression;
using System.Text;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// Crafted files that once took the server down, built here byte by byte (no library that would itself recurse or
/// inflate them): deep nesting, decompression bombs, unsplittable text.
/// </summary>
public static class HostileFiles
{
    public static byte[] NestedHtml(int depth) => Encoding.UTF8.GetBytes(
        "<html><head><title>Deep</title></head><body>" + Repeat("<div>", depth) + "deep secret alpha" + Repeat("</div>", depth) + "</body></html>");

    /// <summary>A .docx whose body nests <paramref name="depth"/> tables, each in the only cell of the one above (a few KB zipped).</summary>
    public static byte[] NestedTablesDocx(int depth)
    {
        var xml = new StringBuilder(Document);
        xml.Append("<w:body>").Append(Repeat("<w:tbl><w:tr><w:tc>", depth)).Append("<w:p><w:r><w:t>deep secret alpha</w:t></w:r></w:p>")
            .Append(Repeat("</w:tc></w:tr></w:tbl>", depth)).Append("</w:body></w:document>");
        return Docx(body => body.Write(Encoding.UTF8.GetBytes(xml.ToString())));
    }

    /// <summary>A .docx of a few dozen KB whose one paragraph unzips to <paramref name="megabytes"/> MB of spaces.</summary>
    public static byte[] ZipBombDocx(int megabytes) => Docx(body =>
    {
        body.Write(Encoding.UTF8.GetBytes(Document + "<w:body><w:p><w:r><w:t xml:space=\"preserve\">secret alpha"));
        var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
        for (var i = 0; i < megabytes; i++) body.Write(spaces);
        body.Write(Encoding.UTF8.GetBytes("</w:t></w:r></w:p></w:body></w:document>"));
    });

    private const string Document = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">""";

    /// <summary>The smallest package Word and the OpenXml SDK accept: content types, the package relationship, the body.</summary>
    private static byte[] Docx(Action<Stream> writeBody)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """);
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            writeBody(body);
        }
        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
