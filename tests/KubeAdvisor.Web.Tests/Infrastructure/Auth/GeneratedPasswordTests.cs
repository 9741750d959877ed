using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

/// <summary>
/// The generated first-admin (and reset) password must always pass Identity's default rules: the one that lacked a digit
/// about once in 120 starts made the first start of a fresh install fail ("Passwords must have at least one digit").
/// </summary>
public sealed class GeneratedPasswordTests
{
    [Fact]
    public void GeneratePassword_PassesIdentitysDefaultRules_EveryTime()
    {
        var options = new PasswordOptions(); // Identity's defaults; the app only turns RequireNonAlphanumeric off
        for (var i = 0; i < 5_000; i++)
        {
            var password = FirstRunBootstrapper.GeneratePassword();
            Assert.Equal(20, password.Length);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.DoesNotContain(password, c => "IOl01".Contains(c));
            Assert.True(password.Length >= options.RequiredLength && password.Distinct().Count() >= options.RequiredUniqueChars, password);
        }
    }

    [Fact]
    public void GeneratePassword_PutsTheGuaranteedCharactersAnywhere()
    {
        // The guaranteed upper, lower and digit are shuffled in: over many passwords each class appears at the start.
        var firsts = Enumerable.Range(0, 2_000).Select(_ => FirstRunBootstrapper.GeneratePassword()[0]).ToList();
        Assert.Contains(firsts, char.IsAsciiDigit);
        Assert.Contains(firsts, char.IsAsciiLetterLower);
    }
}
