using Forum.Data;
using Forum.Data.Accounts;
using Forum.Web.Accounts;
using Forum.Web.Authorization;
using Forum.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

/// <summary>Accounts: Identity with the forum's password and lockout rules, sign-in by token or cookie, the policies, and the account use cases.</summary>
public static class ForumAccounts
{
    public static IServiceCollection AddForumAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<SignInThrottle>();
        services.AddIdentityApiEndpoints<ForumUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length, common, repetitive and context passwords refused (CommonPasswordValidator), no composition rules.
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<ForumUserManager>()
            .AddSignInManager<ForumSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserValidator<EmailLengthValidator>()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddEntityFrameworkStores<ForumDbContext>();
        // Every password check (log-in on the API or the page, password change, account deletion) counts wrong
        // passwords in SignInThrottle, per account and client address, on the forum's clock (ForumUserManager).
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedLogins;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.Value.LockoutMinutes);
            identity.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        // Links in mail work for a bounded time: confirmations (and changes of address) on Identity's default provider,
        // password resets on their own, shorter (Forum:Accounts:ConfirmationLinkHours, ResetLinkHours).
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountOptions>>((tokens, accounts) =>
            tokens.TokenLifespan = TimeSpan.FromHours(accounts.Value.ConfirmationLinkHours));
        services.AddOptions<PasswordResetTokenOptions>().Configure<IOptions<AccountOptions>>((tokens, accounts) =>
            tokens.TokenLifespan = TimeSpan.FromHours(accounts.Value.ResetLinkHours));
        services.AddScoped<AccountMail>();
        services.AddScoped<ConfirmedAddressRule>();
        // Replaces Identity's sender, which only logs: its API's messages go to the outbox, in the account's language.
        services.AddSingleton<IEmailSender<ForumUser>, IdentityMailSender>();
        // After Identity's own registration, so that it replaces Identity's normalizer (which throws on U+FFFE).
        services.AddScoped<ILookupNormalizer, TolerantLookupNormalizer>();
        // Likewise replace Identity's English messages and its claims (the ticket carries the public name).
        services.AddScoped<IdentityErrorDescriber, LocalizedIdentityErrors>();
        services.AddScoped<IUserClaimsPrincipalFactory<ForumUser>, ForumClaims>();
        services.AddAuthorizationBuilder().AddForumPolicies();
        services.AddScoped<AccountErasure>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<IClaimsTransformation, SecurityStampCheck>();
        // Browsers cannot set headers on a WebSocket: the hub's clients send their token in the query string instead.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer => bearer.Events = new BearerTokenEvents
        {
            OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments(ForumHub.Path) && context.Request.Query["access_token"] is [{ } token, ..])
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            },
        });
        // Pages send people to the log-in page of their language; the API and the hub answer 401 and 403,
        // which the status code pages write as ProblemDetails with their rule (ForumProblems.CompleteBareRefusal).
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Events.OnRedirectToLogin = context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments(ForumHub.Path))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }
                var culture = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { Length: 2 } first ? first : "en";
                context.Response.Redirect($"/{culture}/account/login?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
