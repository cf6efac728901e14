using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Services;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Pages.Account;

/// <summary>The account's e-mail: confirmed or not, "send the link again", and a change that the new address confirms.</summary>
public sealed partial class AccountEmailSection
{
    private readonly ChangeEmailForm _form = new();
    private string? _sentTo;
    private string? _error;
    private bool _busy;

    /// <summary>The signed-in account's address and whether this server can send mail.</summary>
    [Parameter, EditorRequired] public AccountEmailDto Account { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<AccountText> T { get; set; } = default!;

    private async Task ResendAsync()
    {
        await RunAsync(async () =>
        {
            await Api.ResendConfirmationAsync();
            Snackbar.Add(T["We sent a new link to {0}.", Account.Email].Value, Severity.Success);
        });
    }

    private async Task ChangeAsync()
    {
        var email = _form.NewEmail.Trim();
        await RunAsync(async () =>
        {
            await Api.ChangeEmailAsync(new ChangeEmailRequest(email, _form.Password));
            _sentTo = email;
            _form.NewEmail = "";
            _form.Password = "";
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        catch (HttpRequestException)
        {
            _error = T["We could not reach LiveShop. Try again."];
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class ChangeEmailForm
    {
        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.EnterTheNewEmail))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.NotAnEmail))]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.EnterYourPassword))]
        public string Password { get; set; } = "";
    }
}
