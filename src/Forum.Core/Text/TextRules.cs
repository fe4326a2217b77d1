using System.Text;
using System.Xml;
using Forum.Core.Errors;

namespace Forum.Core.Text;

/// <summary>
/// Characters no text of the forum may hold: the C0 controls other than tab, line feed and carriage return,
/// DEL, lone surrogates and U+FFFE/U+FFFF. Nothing shows them, and XML (the Atom feeds) cannot carry most of them.
/// Every text input, API or page, goes through <see cref="RefuseControlCharacters"/>.
/// </summary>
public static class TextRules
{
    public const string ControlCharacterRule = "text.control-character";

    public static void RefuseControlCharacters(string? text, string field)
    {
        if (text is not null && FirstForbidden(text) is var at and >= 0)
        {
            throw ForumException.Invalid(field, ControlCharacterRule,
                $"{field} holds a control or non-character (U+{(int)text[at]:X4} at position {at + 1}); remove it.");
        }
    }

    /// <summary>The index of the first forbidden character, or -1.</summary>
    public static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbiddenAt(text, i, out var pair))
            {
                return i;
            }
            i += pair ? 1 : 0;
        }
        return -1;
    }

    /// <summary>The text with every forbidden character replaced by U+FFFD, for writers (XML) that cannot carry them.</summary>
    public static string ReplaceForbidden(string text)
    {
        if (FirstForbidden(text) < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbiddenAt(text, i, out var pair))
            {
                clean.Append('\uFFFD');
                continue;
            }
            clean.Append(text[i]);
            if (pair)
            {
                clean.Append(text[++i]);
            }
        }
        return clean.ToString();
    }

    // XML's own definition of a character, plus DEL, which XML allows but nobody types on purpose.
    private static bool IsForbiddenAt(string text, int i, out bool pair)
    {
        var c = text[i];
        pair = char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
        return !pair && (c == '\u007F' || char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c));
    }
}
