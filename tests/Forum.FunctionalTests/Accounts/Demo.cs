namespace Forum.FunctionalTests.Accounts;

/// <summary>The tests' password: ten characters at least and on no common-password list (issue 10).</summary>
public static class Demo
{
    public const string Password = "Lilac-Harbour-42";
}
