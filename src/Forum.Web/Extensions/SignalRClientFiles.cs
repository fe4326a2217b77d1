using Microsoft.Extensions.FileProviders;

namespace Forum.Web.Extensions;

public static class SignalRClientFiles
{
    /// <summary>
    /// Serves the SignalR browser client under /lib/signalr: from clientlib/ next to the app, where the build
    /// copies it, else from the project's node_modules (runs from the source tree: dotnet run, tests).
    /// Absent when npm was not there; the pages then work without live updates.
    /// </summary>
    public static WebApplication UseSignalRClientFiles(this WebApplication app)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "clientlib", "signalr");
        var installed = Path.Combine(app.Environment.ContentRootPath, "node_modules", "@microsoft", "signalr", "dist", "browser");
        var folder = Directory.Exists(copied) ? copied : Directory.Exists(installed) ? installed : null;
        if (folder is not null)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/lib/signalr" });
        }
        return app;
    }
}
