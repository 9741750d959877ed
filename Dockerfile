# KubeAdvisor web app. Every base image is pinned by an explicit version tag: we sell an image-tag policy.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props KubeAdvisor.sln ./
COPY src/ src/
COPY migrations/ migrations/
RUN dotnet publish src/KubeAdvisor.Web/KubeAdvisor.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# The aspnet images ship an unprivileged "app" user (uid 1654).
USER 1654
ENTRYPOINT ["dotnet", "KubeAdvisor.Web.dll"]
