using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Inventory;

/// <summary>Why a literal value looks like a secret: all that is kept of it (never the value itself).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecretLiteralReason>))]
public enum SecretLiteralReason
{
    /// <summary>Its name (the variable or key) says it holds a secret: PASSWORD, TOKEN, API_KEY, ….</summary>
    Name,

    /// <summary>Its value has the shape of a credential: a private key, a cloud or forge token, a password in a URL.</summary>
    Value,
}
