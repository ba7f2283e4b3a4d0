// Laget on Azure, in one resource group:
//
//   - a user-assigned managed identity, the app's only credential toward Azure;
//   - Key Vault (RBAC) holding the bot's client secret, the PostgreSQL password and the database
//     URL built from it; the identity may read secrets, nobody else is granted anything here;
//   - Azure Database for PostgreSQL Flexible Server 16 with the `laget` database;
//   - App Service for Linux running the container (`laget serve`), its settings pointing at the
//     Key Vault secrets (Key Vault references, resolved with the managed identity);
//   - the Azure Bot resource (single tenant) with the Microsoft Teams channel, whose messaging
//     endpoint is the web app's https://<host>/api/messages.
//
// Why App Service rather than Container Apps: Laget runs its reminder worker inside `laget
// serve`, so an instance must always be running. App Service keeps it so with "Always On",
// gives a health check on /healthz that takes sick instances out of rotation, scales to N
// instances with one number, and resolves Key Vault references in app settings with a managed
// identity, all familiar to a municipality's IT department. Container Apps would need a
// minimum replica count of 1 (no scale to zero) and a Container Apps environment for the same
// result. Moving later means changing only the `plan` and `app` resources.
//
// Secrets are never written here: the two @secure() parameters are passed at deployment time
// (see deploy/README.md) and only stored in Key Vault. Deploy with:
//   az deployment group create -g <rg> -f deploy/azure/main.bicep \
//     -p @deploy/azure/main.parameters.json -p botAppPassword=... postgresAdminPassword=...

targetScope = 'resourceGroup'

@description('Prefix of every resource name: lower-case letters, digits and hyphens.')
@minLength(3)
@maxLength(14)
param namePrefix string = 'laget'

@description('Region of the web app, database, vault and identity (e.g. norwayeast).')
param location string = resourceGroup().location

@description('Region of the Azure Bot resource: global, or westeurope to keep bot data in the EU.')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Pricing tier of the Azure Bot; F0 covers Teams, a standard channel.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'Laget'

@description('Application (client) ID of the bot\'s Entra ID app registration (MicrosoftAppId).')
param botAppId string

@description('Client secret of that app registration; stored only in Key Vault.')
@secure()
param botAppPassword string

@description('Entra ID tenant of the app registration (single-tenant bot).')
param botTenantId string = tenant().tenantId

@description('Comma-separated tenant ids Laget serves (LAGET_ALLOWED_TENANTS).')
param allowedTenants string = tenant().tenantId

@description('The container image to run, e.g. myregistry.azurecr.io/laget:1.0.0.')
param containerImage string

@description('Name of an Azure Container Registry in this resource group to pull from with the managed identity; empty for a public image.')
param containerRegistryName string = ''

@description('App Service plan SKU (Linux). B1 is enough for one municipality; Always On needs B1 or above.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Number of Laget instances; several share the one database safely.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Administrator login of the PostgreSQL server (also used by the app).')
param postgresAdminLogin string = 'laget'

@description('Administrator password of the PostgreSQL server; stored only in Key Vault.')
@secure()
@minLength(12)
param postgresAdminPassword string

@description('PostgreSQL compute SKU, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@description('Tier of postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GB.')
param postgresStorageGb int = 32

@description('Days of point-in-time restore kept by Azure (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('Keep backups in the paired region too (cannot be changed after creation).')
param postgresGeoRedundantBackup bool = false

@description('Key Vault purge protection: deleted secrets can be recovered for 90 days and not purged.')
param keyVaultPurgeProtection bool = true

@description('LAGET_LOG_LEVEL of the app.')
@allowed([
  'DEBUG'
  'INFO'
  'WARNING'
  'ERROR'
])
param logLevel string = 'INFO'

@description('Tags put on every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var webAppName = '${namePrefix}-${suffix}'
var postgresServerName = '${namePrefix}-pg-${suffix}'
var botName = '${namePrefix}-bot-${suffix}'
var databaseName = 'laget'
var usesRegistry = !empty(containerRegistryName)
// Built-in role definitions: Key Vault Secrets User, AcrPull.
var keyVaultSecretsUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)
var acrPull = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '7f951dda-4ed3-4680-a7ca-43fe172d538d'
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
    contentType: 'Client secret of the bot app registration (MicrosoftAppPassword)'
  }
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-admin-password'
  properties: {
    value: postgresAdminPassword
    contentType: 'Password of the PostgreSQL administrator login'
  }
}

// Laget reads one setting, LAGET_DATABASE_URL, so the URL (with the password) is a secret too.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'laget-database-url'
  properties: {
    value: 'postgresql+asyncpg://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?ssl=require'
    contentType: 'LAGET_DATABASE_URL'
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Only referenced (as the scope of the AcrPull grant) when containerRegistryName is set.
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: usesRegistry ? containerRegistryName : 'none'
}

resource imagePuller 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (usesRegistry) {
  name: guid(resourceGroup().id, containerRegistryName, identity.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: acrPull
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageGb
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: postgresGeoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0–0.0.0.0 admits Azure services only (TLS is required by the server). For a private
// network, replace with VNet integration and a private endpoint (see deploy/README.md).
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      acrUseManagedIdentityCreds: usesRegistry
      acrUserManagedIdentityID: usesRegistry ? identity.properties.clientId : null
      appSettings: [
        {
          name: 'WEBSITES_PORT'
          value: '3978'
        }
        {
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'false'
        }
        {
          name: 'MicrosoftAppId'
          value: botAppId
        }
        {
          name: 'MicrosoftAppPassword'
          value: '@Microsoft.KeyVault(SecretUri=${appPasswordSecret.properties.secretUri})'
        }
        {
          name: 'MicrosoftAppType'
          value: 'SingleTenant'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botTenantId
        }
        {
          name: 'LAGET_DATABASE_URL'
          value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
        }
        {
          name: 'LAGET_ALLOWED_TENANTS'
          value: allowedTenants
        }
        {
          name: 'LAGET_LOG_LEVEL'
          value: logLevel
        }
      ]
    }
  }
  dependsOn: [
    // The settings resolve only once the identity may read the secrets, and the app migrates
    // the database at start.
    secretsReader
    imagePuller
    database
    azureServices
  ]
}

// Container stdout/stderr (Laget's JSON log lines) in the App Service log stream.
resource appLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'logs'
  properties: {
    applicationLogs: {
      fileSystem: {
        level: 'Information'
      }
    }
    httpLogs: {
      fileSystem: {
        enabled: true
        retentionInDays: 7
        retentionInMb: 35
      }
    }
  }
}

var messagingEndpoint = 'https://${app.properties.defaultHostName}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    description: 'Kompetanseløftet i Teams'
    endpoint: messagingEndpoint
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

@description('The bot\'s messaging endpoint, as set on the Azure Bot resource.')
output messagingEndpoint string = messagingEndpoint

@description('Laget\'s health check; 200 when the app and its database answer.')
output healthUrl string = 'https://${app.properties.defaultHostName}/healthz'

output webAppName string = app.name
output botName string = bot.name
output keyVaultName string = vault.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output managedIdentityClientId string = identity.properties.clientId
