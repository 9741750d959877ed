using System.Globalization;
using System.Text;
using System.Xml;

namespace KubeAdvisor.Cli.Reports;

/// <summary>
/// JUnit XML: one testsuite per manifest file, one testcase per object × enabled policy that applies to it (classname
/// <c>namespace/Kind/name</c>, name the policy id); failed checks are a failure, checks all exempted are skipped.
/// </summary>
internal static class JunitReport
{
    public static string Write(ScanOutcome outcome)
    {
        var findings = outcome.Findings.ToLookup(f => (f.Finding.WorkloadUid, f.Finding.PolicyId));
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "kubeadvisor");
            Counts(xml, outcome.Checks);
            foreach (var file in outcome.Checks.GroupBy(c => c.File))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", file.Key.Length == 0 ? "(no file)" : file.Key);
                Counts(xml, [.. file]);
                foreach (var check in file)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", $"{check.Namespace}/{check.Kind}/{check.Name}");
                    xml.WriteAttributeString("name", check.Tally.PolicyId);
                    if (check.File.Length > 0)
                    {
                        xml.WriteAttributeString("file", check.File);
                        xml.WriteAttributeString("line", check.Line.ToString(CultureInfo.InvariantCulture));
                    }

                    if (check.Tally.Failed > 0)
                    {
                        var failed = findings[(check.Uid, check.Tally.PolicyId)].ToList();
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("type", check.Tally.Severity.ToString().ToLowerInvariant());
                        xml.WriteAttributeString("message", failed.FirstOrDefault()?.Finding.Message ?? check.Tally.PolicyId);
                        xml.WriteString(string.Join("\n", failed.Select(f =>
                            $"{f.File}:{f.Line}: {(f.Finding.ContainerName is { } c ? $"container {c}: " : "")}{f.Finding.Message}")));
                        xml.WriteEndElement();
                    }
                    else if (check.Tally.Passed == 0)
                    {
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", "exempt");
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text.ToString().ReplaceLineEndings("\n") + "\n";
    }

    private static void Counts(XmlWriter xml, IReadOnlyCollection<ScanOutcome.ObjectCheck> checks)
    {
        xml.WriteAttributeString("tests", checks.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", checks.Count(c => c.Tally.Failed > 0).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", checks.Count(c => c.Tally.Failed == 0 && c.Tally.Passed == 0).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
    }
}
