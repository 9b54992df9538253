package uz.uzpay

import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import uz.uzpay.Fixtures.RECEIPT_URL
import uz.uzpay.Fixtures.card
import uz.uzpay.Fixtures.fiscalBox
import uz.uzpay.Fixtures.paylov
import uz.uzpay.Fixtures.paymentsGate
import uz.uzpay.Fixtures.response
import uz.uzpay.Fixtures.tea
import uz.uzpay.Fixtures.via
import uz.uzpay.model.AnorConfirmInput
import uz.uzpay.model.AnorPaymentInput
import uz.uzpay.model.AuthTokenInput
import uz.uzpay.model.ClickConfirmInput
import uz.uzpay.model.ClickConfirmStatus
import uz.uzpay.model.ClickPaymentInput
import uz.uzpay.model.ConfirmPayInput
import uz.uzpay.model.ConfirmPayVerifyInput
import uz.uzpay.model.CreatePayinInput
import uz.uzpay.model.DealStatus
import uz.uzpay.model.DealStatusInput
import uz.uzpay.model.GetTransactionInput
import uz.uzpay.model.Lang
import uz.uzpay.model.PayinCredentialsInput
import uz.uzpay.model.PaymentsGateConfig
import uz.uzpay.model.ReceiptStatusInput
import uz.uzpay.model.RefreshTokenInput
import uz.uzpay.model.RefundReceiptInput
import uz.uzpay.model.RegisterReceiptInput
import uz.uzpay.model.ResendCodeInput
import uz.uzpay.model.ViaTransactionStatus

/** Every operation of `operations()`, built and parsed through the Kotlin API. */
class OperationsTest {
    private fun HttpRequest.json() = bodyText()!!.replace(" ", "")

    @Test
    fun `every operation has a build and a parse function`() {
        val functions = Class.forName("uz.uzpay.Uzpay_kotlinKt").methods.map { it.name }.toSet()
        val names = operations()
        assertEquals(16, names.size)
        for (op in names) {
            val camel = op.substringAfter('.').split('_').joinToString("") { it.replaceFirstChar(Char::uppercase) }
            assertTrue("build$camel" in functions, "build$camel for $op")
            assertTrue("parse$camel" in functions, "parse$camel for $op")
        }
    }

    @Test
    fun `fiscalbox click_payment`() {
        val request = buildClickPayment(fiscalBox, ClickPaymentInput(amount = 150_000, qrCode = "https://my.click.uz/pay/abc123"))
        assertEquals(HttpMethod.POST, request.method)
        assertEquals("https://api.fiscalbox.uz/payment/click", request.url)
        assertEquals("application/json", request.header("content-type"))
        assertEquals("""{"amount":1500,"qr_code":"https://my.click.uz/pay/abc123"}""", request.json())
        val output = parseClickPayment(response(200,
            """{"data":{"status_code":0,"status":"success","message":"Payment created","amount":1500,"payment_id":"4710103925","transaction_id":"a12f","client_phone_number":"998901234567"},"error":null,"is_success":true}"""))
        assertEquals("4710103925", output.paymentId)
        assertEquals(150_000uL, output.amount) // whole som on the wire, tiyin here
    }

    @Test
    fun `fiscalbox click_confirm`() {
        val request = buildClickConfirm(fiscalBox, ClickConfirmInput(paymentId = "4710103925", qrCode = RECEIPT_URL))
        assertEquals("https://api.fiscalbox.uz/payment/click_confirm", request.url)
        assertEquals("""{"payment_id":"4710103925","qr_code":"$RECEIPT_URL"}""", request.json())
        val output = parseClickConfirm(response(200, """{"data":{"status":"successfully"},"error":null,"is_success":true}"""))
        assertEquals(ClickConfirmStatus.Successfully, output.status)
    }

    @Test
    fun `fiscalbox anor_payment`() {
        val request = buildAnorPayment(fiscalBox, AnorPaymentInput(amount = 2_500_000, qrCode = "12345678901234567890"))
        assertEquals("https://api.fiscalbox.uz/payment/anor", request.url)
        assertEquals("""{"amount":25000,"qr_code":"12345678901234567890"}""", request.json())
        val output = parseAnorPayment(response(200,
            """{"data":{"transaction_id":"a12f","status":"success","error_code":0,"payment_id":"123456","payment_status":2,"card_number":"860012******1234"},"error":null,"is_success":true}"""))
        assertEquals("a12f", output.transactionId)
        assertEquals(2L, output.paymentStatus)
    }

    @Test
    fun `fiscalbox anor_confirm`() {
        val request = buildAnorConfirm(fiscalBox, AnorConfirmInput(transactionId = "a12f", qrCode = RECEIPT_URL))
        assertEquals("https://api.fiscalbox.uz/payment/anor_confirm", request.url)
        val output = parseAnorConfirm(response(200,
            """{"data":{"message":"ok","error_code":0,"payment_id":123456,"transaction_id":"a12f"},"error":null,"is_success":true}"""))
        assertEquals(123456L, output.paymentId)
    }

    @Test
    fun `paylov register_receipt`() {
        val request = buildRegisterReceipt(paylov, RegisterReceiptInput(transactionId = "e2da46c6", items = listOf(tea())))
        assertEquals("https://gw.paylov.uz/merchant/fiscalization/register/", request.url)
        assertEquals(Fixtures.SECRET, request.header("api-key"))
        assertTrue(request.json().startsWith("""{"transactionId":"e2da46c6","items":[{"title":"Greentea,100g","price":1120000,"""))
        val output = parseRegisterReceipt(response(200,
            """{"result":{"ofd":{"receiptUrl":"$RECEIPT_URL","terminalId":"UZ170703100597","receiptId":2421,"fiscalSign":"514343190161"}}}"""))
        assertEquals(2421L, output.receiptId)
        assertEquals(RECEIPT_URL, output.receiptUrl)
    }

    @Test
    fun `paylov receipt_status`() {
        val request = buildReceiptStatus(paylov, ReceiptStatusInput(externalId = "order-646"))
        assertEquals(HttpMethod.GET, request.method)
        assertEquals("https://gw.paylov.uz/merchant/fiscalization/status/?externalId=order-646", request.url)
        assertTrue(request.body.isEmpty())
        val output = parseReceiptStatus(response(200, """{"result":{"success":true,"isRefund":false,"receiptId":2421}}"""))
        assertTrue(output.success)
        assertNull(output.receiptUrl)
    }

    @Test
    fun `paylov refund_receipt`() {
        val request = buildRefundReceipt(paylov, RefundReceiptInput(receiptId = 2421))
        assertEquals("""{"receiptId":2421}""", request.json())
        assertTrue(parseRefundReceipt(response(200, """{"result":{"success":true}}""")).success)
    }

    @Test
    fun `paymentsgate auth_token and refresh_token`() {
        val noToken = PaymentsGateConfig(baseUrl = "https://api.paymentsgate.example")
        val auth = buildAuthToken(noToken, AuthTokenInput(accountId = "acc-1", publicKey = "pk-1"))
        assertEquals("https://api.paymentsgate.example/auth/token", auth.url)
        assertEquals("""{"account_id":"acc-1","public_key":"pk-1"}""", auth.json())
        val refresh = buildRefreshToken(noToken, RefreshTokenInput(refreshToken = "r-1"))
        assertEquals("https://api.paymentsgate.example/auth/token/refresh", refresh.url)
        val body = """{"access_token":"a.b.c","refresh_token":"r.s.t","expires_in":3600}"""
        val tokens = parseAuthToken(response(200, body))
        assertEquals("a.b.c", tokens.accessToken)
        assertEquals(3600uL, tokens.expiresIn)
        assertEquals(tokens, parseRefreshToken(response(200, body)))
    }

    @Test
    fun `paymentsgate create_payin`() {
        val request = buildCreatePayin(paymentsGate, CreatePayinInput(amount = 51_650, invoiceId = "inv-1001", lang = Lang.UZ))
        assertEquals("https://api.paymentsgate.example/deals/payin", request.url)
        assertEquals("Bearer ${Fixtures.SECRET}", request.header("Authorization"))
        // 51650 tiyin is 516.5 som, written from integers, never through a float.
        assertEquals("""{"amount":516.5,"currency":"UZS","invoiceId":"inv-1001","type":"oneclick","lang":"UZ"}""", request.json())
        val output = parseCreatePayin(response(201, """{"id":"6632","status":"new","type":"oneclick","url":"https://pay.example/6632"}"""))
        assertEquals(DealStatus.New, output.status)
        assertEquals("oneclick", output.dealType)
    }

    @Test
    fun `paymentsgate payin_credentials`() {
        val request = buildPayinCredentials(paymentsGate, PayinCredentialsInput(dealId = "6632"))
        assertEquals("https://api.paymentsgate.example/deals/6632/credentials", request.url)
        val output = parsePayinCredentials(response(200,
            """{"account_number":"2194872384782748","account_owner":"name","bank":{"_id":"b1","name":"Humo","supportedPaymentSystems":["humo"]},"type":"custom","account_subtype":"oneclick"}"""))
        assertEquals("2194872384782748", output.accountNumber)
        assertEquals(listOf("humo"), output.bank?.supportedPaymentSystems)
        assertEquals("custom", output.credentialsType)
    }

    @Test
    fun `paymentsgate deal_status`() {
        val request = buildDealStatus(paymentsGate, DealStatusInput(dealId = "6632"))
        assertEquals("https://api.paymentsgate.example/deals/6632", request.url)
        val output = parseDealStatus(response(200,
            """{"id":"6632","status":"paid","type":"oneclick","amount":516.5,"currency":"UZS","invoiceId":"inv-1001"}"""))
        assertEquals(DealStatus.Paid, output.status)
        assertEquals(51_650uL, output.amount) // read exactly, never through a float
        assertEquals("inv-1001", output.invoiceId)
    }

    @Test
    fun `via confirm_pay`() {
        val input = ConfirmPayInput(merchantId = "mrt_1", card = card, externalId = "order-646", amount = 2_320_000, note = "Order 646")
        val request = buildConfirmPay(via, input)
        assertEquals("https://api.viasandbox.uz/partner/merchant/confirm/pay", request.url)
        assertEquals("system", request.header("client-id"))
        assertEquals(Fixtures.SECRET, request.header("client-secret"))
        assertTrue(request.json().contains(""""card":{"pan":"${Fixtures.PAN}","expiry":"0127"}"""))
        assertEquals("trx_1", parseConfirmPay(response(200, """{"verifyId":"trx_1"}""")).verifyId)
    }

    @Test
    fun `via confirm_pay_verify`() {
        val request = buildConfirmPayVerify(via, ConfirmPayVerifyInput(verifyId = "trx_1", verifyCode = "005646"))
        assertEquals("""{"verifyId":"trx_1","verifyCode":"005646"}""", request.json())
        val output = parseConfirmPayVerify(response(200,
            """{"transactionId":"trx_1","merchantId":"mrt_1","amount":100,"createdAt":1694760886762,"status":"SUCCESS","fee":0,"feePercent":0.5,"currency":"UZS"}"""))
        assertEquals(ViaTransactionStatus.Success, output.status)
        assertEquals(100uL, output.amount)
        assertEquals(0.5, output.feePercent)
    }

    @Test
    fun `via resend_code`() {
        val request = buildResendCode(via, ResendCodeInput(verifyId = "trx_1"))
        assertEquals("https://api.viasandbox.uz/partner/merchant/pay/resend", request.url)
        assertEquals("trx_1", parseResendCode(response(200, """{"verifyId":"trx_1"}""")).verifyId)
        assertNull(parseResendCode(response(200, "{}")).verifyId)
    }

    @Test
    fun `via get_transaction`() {
        val request = buildGetTransaction(via, GetTransactionInput(externalId = "order-646"))
        assertEquals(HttpMethod.GET, request.method)
        assertEquals("https://api.viasandbox.uz/partner/transaction?externalId=order-646", request.url)
        val output = parseGetTransaction(response(200,
            """{"data":{"transactionId":"trx_1","amount":2320000,"status":"REJECT","errorCode":"05","refundedAmount":0,"process":"UZCARD"}}"""))
        // A refused payment is a transaction, not an exception: the call worked.
        assertEquals(ViaTransactionStatus.Reject, output.status)
        assertEquals("05", output.errorCode)
    }
}
