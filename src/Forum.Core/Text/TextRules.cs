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

    /// <summary>
    /// A text with nothing a reader can see: only white space and invisible format characters (zero-width spaces
    /// and joiners, byte-order marks, direction marks). Required texts refuse it as they refuse an empty one.
    /// </summary>
    public static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? text) =>
        text is null || text.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    public const string DirectionOverrideRule = "text.direction-override";

    /// <summary>
    /// Refuses the characters that reverse how the rest of a line is shown (U+202A–U+202E, U+2066–U+2069) in a
    /// one-line text such as a title or a name: there they serve only to disguise it ("gpj.exe" read backwards).
    /// </summary>
    public static void RefuseDirectionOverrides(string? text, string field)
    {
        if (text?.IndexOfAny(DirectionControls) is int at and >= 0)
        {
            throw ForumException.Invalid(field, DirectionOverrideRule,
                $"{field} holds a text-direction control (U+{(int)text[at]:X4} at position {at + 1}); remove it.");
        }
    }

    public static bool HoldsDirectionOverride(string? text) => text?.IndexOfAny(DirectionControls) >= 0;

    private static readonly char[] DirectionControls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

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
