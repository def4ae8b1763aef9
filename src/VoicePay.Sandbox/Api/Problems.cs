using Microsoft.AspNetCore.Http;

namespace VoicePay.Sandbox.Api;

/// <summary>Builds RFC 9457 problem responses.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemBody Create(string code, string detail) => code switch
    {
        ProblemCodes.InsufficientFunds => Body(code, "Insufficient funds", StatusCodes.Status422UnprocessableEntity, detail),
        ProblemCodes.LimitExceeded => Body(code, "Transfer limit exceeded", StatusCodes.Status422UnprocessableEntity, detail),
        ProblemCodes.TransferExpired => Body(code, "Transfer request expired", StatusCodes.Status422UnprocessableEntity, detail),
        ProblemCodes.InvalidAmount => Body(code, "Invalid amount", StatusCodes.Status422UnprocessableEntity, detail),
        ProblemCodes.PayeeNotFound => Body(code, "Payee not found", StatusCodes.Status404NotFound, detail),
        ProblemCodes.AccountNotFound => Body(code, "Account not found", StatusCodes.Status404NotFound, detail),
        ProblemCodes.TransferNotFound => Body(code, "Transfer not found", StatusCodes.Status404NotFound, detail),
        ProblemCodes.IdempotencyConflict => Body(code, "Idempotency key reused", StatusCodes.Status409Conflict, detail),
        ProblemCodes.Unauthorized => Body(code, "Unauthorized", StatusCodes.Status401Unauthorized, detail),
        ProblemCodes.Forbidden => Body(code, "Forbidden", StatusCodes.Status403Forbidden, detail),
        ProblemCodes.NoPhoneOnFile => Body(code, "No phone on file", StatusCodes.Status422UnprocessableEntity, detail),
        ProblemCodes.VerificationCodeNotFound => Body(code, "Verification code not found", StatusCodes.Status404NotFound, detail),
        ProblemCodes.TooManyCodes => Body(code, "Too many codes", StatusCodes.Status409Conflict, detail),
        ProblemCodes.CustomerNotFound => Body(code, "Customer not found", StatusCodes.Status404NotFound, detail),
        _ => Body(ProblemCodes.InvalidRequest, "Invalid request", StatusCodes.Status400BadRequest, detail),
    };

    public static IResult Result(string code, string detail) => Result(Create(code, detail));

    public static IResult Result(ProblemBody problem) =>
        TypedResults.Json(problem, SandboxJsonContext.Default.ProblemBody, ContentType, problem.Status);

    private static ProblemBody Body(string code, string title, int status, string detail) =>
        new($"https://sandbox.voicepay.example/problems/{code.Replace('_', '-')}", title, status, detail, code);
}
