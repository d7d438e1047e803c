# Netwerk as one container image: the front end (web/, Vite) and the app (.NET 10), run as a non-root user.
# Build: docker build -t netwerk .     Run: see docker-compose.yml (profile "scale") and README "Running on more than one server".

# 1. The front end: web/ builds into src/Netwerk.Web/wwwroot.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# 2. The app, published framework-dependent.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS app
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
# The Neo4j store embeds its statements from cypher/.
COPY cypher/ cypher/
RUN dotnet publish src/Netwerk.Web/Netwerk.Web.csproj -c Release -o /app
COPY --from=web /src/src/Netwerk.Web/wwwroot /app/wwwroot

# 3. The runtime image: ASP.NET Core only, user "app" (uid 1654) of the base image, data in /data.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=app /app ./
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__Sqlite__Path=/data/netwerk.db \
    Smtp__OutboxPath=/data/outbox \
    Netwerk__SeedDemoData=false
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Netwerk.Web.dll"]
