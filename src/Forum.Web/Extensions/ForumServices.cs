using System.Text.Json.Serialization;
using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Languages;
using Forum.Core.Text;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Data.Seeding;
using Forum.Core.Events;
using Forum.Synthesis;
using Forum.Web.Live;
using Forum.Web.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Forum.Web.Accounts;
using Forum.Web.Api;
using Forum.Web.Caching;
using Forum.Core.Localization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Forum.Web.Extensions;

public static class ForumServices
{
    public static void AddForum(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<ForumOptions>().Bind(configuration.GetSection(ForumOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Languages.All(l => !string.IsNullOrWhiteSpace(l)), "Forum:Languages holds an empty code.")
            .Validate(o => PublicUrls.IsValidSetting(o.PublicUrl), PublicUrls.SettingRule)
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddOptions<AdminAccountOptions>().Bind(configuration.GetSection(AdminAccountOptions.SectionName));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ForumOptions>>().Value);
        services.AddSingleton(sp => new ForumLanguages(sp.GetRequiredService<ForumOptions>().Languages));
        services.AddSingleton(sp => new ForumClock(
            sp.GetRequiredService<TimeProvider>(),
            ForumClock.FindZone(sp.GetRequiredService<ForumOptions>().TimeZone)));
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<VersionText>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton(new UiTexts(Path.Combine(AppContext.BaseDirectory, "localization")));

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddForumDatabase(database, builder.Environment.ContentRootPath);
        services.AddForumSynthesis();
        // Same JSON as the API: camelCase names, enums as words ("closed").
        services.AddSingleton<LiveConnections>();
        services.AddSignalR(hub => hub.AddFilter<LiveConnectionsFilter>()).AddJsonProtocol(json =>
            json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddSingleton<IForumEventHandler, PhaseCacheEviction>();
        services.AddSingleton<LiveUpdates>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<LiveUpdates>());
        services.AddSingleton<PhaseSavedAlarm>();
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<PhaseSavedAlarm>());
        services.AddHostedService<PhaseWatcher>();
        services.AddSingleton<LiveAccessSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAccessSweep>());
        services.AddSingleton<IForumEventHandler>(sp => sp.GetRequiredService<LiveAccessSweep>());

        var accounts = configuration.GetSection(AccountOptions.SectionName).Get<AccountOptions>() ?? new AccountOptions();
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.SectionName));
        services.AddHttpContextAccessor();
        services.AddScoped<SignInThrottle>();
        services.AddIdentityApiEndpoints<ForumUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Every password check (log-in on the API or the page, password change, account deletion) counts wrong
                // passwords in SignInThrottle, per account and client address, on the forum's clock (ForumUserManager).
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedLogins;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
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
            .AddEntityFrameworkStores<ForumDbContext>();
        // After Identity's own registration, so that it replaces Identity's normalizer (which throws on U+FFFE).
        services.AddScoped<ILookupNormalizer, TolerantLookupNormalizer>();
        services.AddAuthorizationBuilder().AddForumPolicies();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName));
        services.AddScoped<AccountErasure>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, DeletedAccountCheck>();
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

        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            // Accented French and Spanish stay readable in responses; they are JSON, never inlined into HTML.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Malformed bodies and parameters raise an exception that ForumExceptionHandler turns into a clear 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ForumExceptionHandler>();
        services.AddOpenApi();
        // Accented French and Spanish written as themselves in pages, not as &#xE9; entities (still HTML-encoded where it matters).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoders =>
            encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(pages =>
        {
            pages.Conventions.Add(new Forum.Web.Pages.CultureRoutes.Convention());
            pages.Conventions.AuthorizeFolder("/Moderation", Policies.ModeratorPages);
        }).AddMvcOptions(mvc => mvc.Filters.Add<HandlerPolicyFilter>());
        // Pages send people to the log-in page of their language; the API and the hub answer 401 and 403.
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
        services.Configure<RouteOptions>(routes => routes.ConstraintMap["culture"] = typeof(Forum.Web.Pages.CultureRoutes.Constraint));
        var forumOptions = configuration.GetSection(ForumOptions.SectionName).Get<ForumOptions>() ?? new ForumOptions();
        services.AddContributionListCache(TimeSpan.FromSeconds(forumOptions.ListCacheSeconds));
        services.AddForumRateLimits(forumOptions);

        // Behind a reverse proxy every request comes from the proxy's address; trusting its X-Forwarded-For
        // for the proxies named here gives the per-address limits the reader's own address back.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Forum:TrustedProxies").Get<string[]>() ?? [])
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        // The longest text allowed (60,000 characters, up to 4 bytes each) fits well under 1 MB of JSON.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1_000_000);
    }

    /// <summary>
    /// The forwarded headers of the proxies trusted above, then a forwarded scheme other than http or https
    /// (a loopback caller sent "javascript") is replaced by the connection's own: links, cookies and redirects never see it.
    /// </summary>
    public static IApplicationBuilder UseForumForwardedHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use((context, next) =>
        {
            if (!PublicUrls.IsWebScheme(context.Request.Scheme))
            {
                context.Request.Scheme = context.Features.Get<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>() is null ? "http" : "https";
            }
            return next(context);
        });
    }
}
