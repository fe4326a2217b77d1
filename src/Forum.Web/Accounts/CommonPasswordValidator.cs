using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Forum.Core.Localization;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Accounts;

/// <summary>
/// Refuses the passwords that are tried first (NIST SP 800-63B: a list of common and expected values, length instead of
/// composition rules), one refusal at a time, in this order:
/// <list type="number">
/// <item>fewer characters than <c>Password.RequiredLength</c> counted as people see them (text elements: five emoji are
/// five characters, not ten UTF-16 units; Identity's own check counts units and runs first);</item>
/// <item>one of the 49,233 most common passwords of zxcvbn's list (CommonPasswords/common-passwords.txt, MIT, see its
/// LICENSE.txt), compared without case;</item>
/// <item>repetitive or sequential: fewer than 4 distinct characters, or one ascending or descending run
/// (<c>abcdefghij</c>, <c>9876543210</c>), of the whole password or of its core;</item>
/// <item>context words: the e-mail address, its local part, the user and display names, "forum" and the site's name
/// in every language, as the password or as its core;</item>
/// <item>a common password dressed up: its core is on the list, also with the usual substitutions undone
/// (<c>Password123!</c>, <c>P@ssword2024</c>);</item>
/// <item>a core shorter than 4 characters: mostly digits and symbols (<c>8302749165</c>, <c>2024-06-15!</c>).</item>
/// </list>
/// The core is the password lower-cased without its leading and trailing digits, punctuation, spaces and symbols (emoji
/// are kept), so <c>Password123!</c> is judged as <c>password</c> and <c>Lilac-Harbour-42</c> as <c>lilac-harbour</c>.
/// </summary>
public sealed class CommonPasswordValidator(UiTexts texts) : IPasswordValidator<ForumUser>
{
    public const string Code = "PasswordCommon";
    public const string RepetitiveCode = "PasswordRepetitive";
    public const string ContextCode = "PasswordContext";
    public const string PredictableCode = "PasswordPredictable";
    public const string ControlCharacterCode = "PasswordControlCharacter";

    /// <summary>Distinct characters a password needs, and characters its core needs.</summary>
    private const int Minimum = 4;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int Count => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ForumUser> manager, ForumUser user, string? password) =>
        Task.FromResult(password is null ? IdentityResult.Success : Validate(manager, user, password));

    private IdentityResult Validate(UserManager<ForumUser> manager, ForumUser user, string password)
    {
        // No keyboard types them, and a password holding one (a NUL) could not be entered again in the log-in form.
        if (Forum.Core.Text.TextRules.FirstForbidden(password) >= 0)
        {
            return Failed(ControlCharacterCode, "This password holds an invisible control character: choose another.");
        }
        var required = manager.Options.Password.RequiredLength;
        if (password.Length < required)
        {
            return IdentityResult.Success; // Identity's PasswordValidator already says "too short": one message is enough.
        }
        var whole = Elements(password.Trim().ToLowerInvariant());
        if (Elements(password).Length < required)
        {
            return IdentityResult.Failed(manager.ErrorDescriber.PasswordTooShort(required));
        }
        var wholeText = string.Concat(whole);
        if (Common.Value.Contains(wholeText))
        {
            return CommonFailure;
        }
        var core = Core(whole);
        if (whole.Distinct(StringComparer.Ordinal).Count() < Minimum || IsRun(whole) || (core.Length >= Minimum && IsRun(core)))
        {
            return Failed(RepetitiveCode, "This password repeats a few characters or follows a sequence: choose another.");
        }
        var coreText = string.Concat(core);
        foreach (var word in ContextWords(user))
        {
            var wordCore = string.Concat(Core(Elements(word)));
            if (wholeText == word || (wordCore.Length > 0 && coreText == wordCore))
            {
                return Failed(ContextCode, "This password is made of your address, your name or the forum's name: choose another.");
            }
        }
        if (Common.Value.Contains(coreText) || Unleet(coreText).Any(Common.Value.Contains))
        {
            return CommonFailure;
        }
        if (core.Length < Minimum)
        {
            return Failed(PredictableCode, "This password is mostly digits and symbols, which are guessed quickly: choose another.");
        }
        return IdentityResult.Success;
    }

    private static IdentityResult CommonFailure =>
        Failed(Code, "This password is among the most common ones, which are tried first: choose another.");

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    /// <summary>The characters as people see them (extended grapheme clusters).</summary>
    private static string[] Elements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }
        return [.. elements];
    }

    /// <summary>Without leading and trailing digits, punctuation, separators and symbols other than emoji.</summary>
    private static string[] Core(string[] elements)
    {
        var start = 0;
        var end = elements.Length;
        while (start < end && IsDressing(elements[start]))
        {
            start++;
        }
        while (end > start && IsDressing(elements[end - 1]))
        {
            end--;
        }
        return elements[start..end];
    }

    private static bool IsDressing(string element) =>
        Rune.GetRuneAt(element, 0) is var rune && Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    /// <summary>One step up or down between every pair of neighbours (0 follows 9, as on a keyboard).</summary>
    private static bool IsRun(string[] elements)
    {
        if (elements.Length < 2 || elements.Any(e => e.Length > 2 || !Rune.TryGetRuneAt(e, 0, out _)))
        {
            return false;
        }
        var points = elements.Select(e => Rune.GetRuneAt(e, 0).Value).ToArray();
        int Step(int i) => (points[i - 1], points[i]) switch
        {
            ('9', '0') => 1,
            ('0', '9') => -1,
            var (a, b) => b - a,
        };
        var step = Step(1);
        return step is 1 or -1 && Enumerable.Range(2, points.Length - 2).All(i => Step(i) == step);
    }

    private IEnumerable<string> ContextWords(ForumUser user)
    {
        string?[] words = [user.Email, user.UserName, user.DisplayName, "forum"];
        foreach (var word in words)
        {
            if (!string.IsNullOrWhiteSpace(word))
            {
                var lower = word.Trim().ToLowerInvariant();
                yield return lower;
                if (lower.IndexOf('@') is > 0 and var at)
                {
                    yield return lower[..at];
                }
            }
        }
        foreach (var culture in texts.Cultures)
        {
            if (texts.Find(culture, "site.name") is { Length: > 0 } name)
            {
                yield return name.Trim().ToLowerInvariant();
            }
        }
    }

    /// <summary>The core with the usual look-alike substitutions undone: p@ssw0rd is password, 1 may be i or l.</summary>
    private static IEnumerable<string> Unleet(string core)
    {
        if (core.IndexOfAny(['@', '4', '0', '1', '3', '5', '$', '7', '!', '|']) < 0)
        {
            yield break;
        }
        string Replace(char one) => string.Concat(core.Select(c => c switch
        {
            '@' or '4' => 'a',
            '0' => 'o',
            '1' => one,
            '3' => 'e',
            '5' or '$' => 's',
            '7' => 't',
            '!' or '|' => 'i',
            _ => c,
        }));
        yield return Replace('i');
        yield return Replace('l');
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Forum.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
