using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Payments.Wire;

/// <summary>Source-generated JSON for the payments API (AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(CustomerWire))]
[JsonSerializable(typeof(AccountListWire))]
[JsonSerializable(typeof(PayeeListWire))]
[JsonSerializable(typeof(TransferRequestWire))]
[JsonSerializable(typeof(TransferWire))]
[JsonSerializable(typeof(TransactionListWire))]
[JsonSerializable(typeof(ProblemWire))]
[JsonSerializable(typeof(EventPageWire))]
[JsonSerializable(typeof(VerificationCodeRequestWire))]
[JsonSerializable(typeof(VerificationCodeWire))]
[JsonSerializable(typeof(CodeCheckRequestWire))]
[JsonSerializable(typeof(CodeCheckWire))]
internal sealed partial class PaymentsJsonContext : JsonSerializerContext;
