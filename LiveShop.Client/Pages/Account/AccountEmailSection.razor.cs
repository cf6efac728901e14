using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Services;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Components;
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

    private async Task ResendAsync()
    {
        await RunAsync(async () =>
        {
            await Api.ResendConfirmationAsync();
            Snackbar.Add($"We sent a new link to {Account.Email}.", Severity.Success);
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
            _error = "We could not reach LiveShop. Try again.";
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class ChangeEmailForm
    {
        [Required(ErrorMessage = "Enter the new email.")]
        [EmailAddress(ErrorMessage = "That is not an email address.")]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
