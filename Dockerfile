# syntax=docker/dockerfile:1

# ---- build -------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# npm installs the browser packages (the SignalR client) from src/Forum.Web/package-lock.json during the build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*

# Restore first, from the project and props files only, so the package layer is
# reused until a csproj or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Forum.Core/Forum.Core.csproj src/Forum.Core/
COPY src/Forum.Synthesis/Forum.Synthesis.csproj src/Forum.Synthesis/
COPY src/Forum.Data/Forum.Data.csproj src/Forum.Data/
COPY src/Forum.Web/Forum.Web.csproj   src/Forum.Web/
RUN dotnet restore src/Forum.Web/Forum.Web.csproj

# Then the sources, and the content files Forum.Web.csproj links in from the root
# (seeds/*.json and localization/*.json end up in the publish output).
COPY src/ src/
COPY seeds/ seeds/
COPY localization/ localization/
RUN dotnet publish src/Forum.Web -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime -----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app

# The image's non-root "app" user ($APP_UID, home /home/app) must own data/, where the
# default SQLite database is written. No key-ring folder: the data-protection keys are
# stored in the database (table DataProtectionKeys), shared by every instance.
RUN mkdir -p /app/data && chown -R "$APP_UID" /app/data

COPY --from=build /app .

# The base image sets ASPNETCORE_HTTP_PORTS=8080; URLS replaces it, and clearing it
# avoids Kestrel's "Overriding HTTP_PORTS" start-up warning.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    HOME=/home/app
EXPOSE 8080
USER $APP_UID

ENTRYPOINT ["dotnet", "Forum.Web.dll"]
