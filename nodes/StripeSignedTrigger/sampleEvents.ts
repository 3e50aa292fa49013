/**
 * Sample events offered while building a workflow (the "setup" GET webhook in the editor), one per type.
 *
 * Copied unchanged from test/fixtures/stripe/*.json (see SOURCES.md there): envelopes synthesized around
 * objects from stripe/openapi fixtures3.json. All ids are test-mode; the personal data is synthetic.
 *
 * The MIT License. Copyright (c) 2011- Stripe, Inc. (https://stripe.com)
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
 * documentation files (the "Software"), to deal in the Software without restriction, including without limitation
 * the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
 * to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above
 * copyright notice and this permission notice shall be included in all copies or substantial portions of the
 * Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
 * LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT
 * SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
 * DEALINGS IN THE SOFTWARE.
 */
/* eslint-disable */
export const SAMPLE_EVENTS_LICENSE = "MIT, Copyright (c) 2011- Stripe, Inc. (sample data derived from stripe/openapi fixtures3.json)";

export const SAMPLE_EVENTS: Array<Record<string, unknown> & { id: string; type: string }> = [
	{
		"id": "evt_1Pgc76B7WZ01zgkWFED520D8",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721961314,
		"data": {
			"object": {
				"amount": 1000,
				"balance_transactions": [],
				"charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
				"created": 1721961254,
				"currency": "usd",
				"evidence": {
					"access_activity_log": null,
					"billing_address": null,
					"cancellation_policy": null,
					"cancellation_policy_disclosure": null,
					"cancellation_rebuttal": null,
					"customer_communication": null,
					"customer_email_address": null,
					"customer_name": null,
					"customer_purchase_ip": null,
					"customer_signature": null,
					"duplicate_charge_documentation": null,
					"duplicate_charge_explanation": null,
					"duplicate_charge_id": null,
					"product_description": null,
					"receipt": null,
					"refund_policy": null,
					"refund_policy_disclosure": null,
					"refund_refusal_explanation": null,
					"service_date": null,
					"service_documentation": null,
					"shipping_address": null,
					"shipping_carrier": null,
					"shipping_date": null,
					"shipping_documentation": null,
					"shipping_tracking_number": null,
					"uncategorized_file": null,
					"uncategorized_text": null,
					"enhanced_evidence": {}
				},
				"evidence_details": {
					"due_by": 1723679999,
					"has_evidence": false,
					"past_due": false,
					"submission_count": 0,
					"enhanced_eligibility": {}
				},
				"id": "dp_1Pgc71B7WZ01zgkWMevJiAUx",
				"is_charge_refundable": true,
				"livemode": false,
				"metadata": {},
				"object": "dispute",
				"payment_intent": null,
				"payment_method_details": {
					"card": {
						"brand": "visa",
						"case_type": "inquiry",
						"network_reason_code": "10.4",
						"network": "visa"
					},
					"type": "card"
				},
				"reason": "general",
				"status": "warning_needs_response",
				"enhanced_eligibility_types": [
					"visa_compelling_evidence_3"
				]
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "charge.dispute.created"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkW5367516C",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721957714,
		"data": {
			"object": {
				"amount": 100,
				"amount_captured": 100,
				"amount_refunded": 100,
				"application": null,
				"application_fee": null,
				"application_fee_amount": null,
				"balance_transaction": "txn_1PgaxNB7WZ01zgkWEV3TLf40",
				"billing_details": {
					"address": {
						"city": null,
						"country": null,
						"line1": null,
						"line2": null,
						"postal_code": null,
						"state": null
					},
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen",
					"phone": null,
					"tax_id": null
				},
				"calculated_statement_descriptor": null,
				"captured": true,
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"description": "My First Test Charge (created for API docs)",
				"disputed": false,
				"failure_balance_transaction": null,
				"failure_code": null,
				"failure_message": null,
				"fraud_details": {},
				"id": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
				"livemode": false,
				"metadata": {},
				"object": "charge",
				"on_behalf_of": null,
				"outcome": {
					"advice_code": null,
					"network_advice_code": null,
					"network_decline_code": null,
					"network_status": "approved_by_network",
					"reason": null,
					"risk_level": "normal",
					"seller_message": "Payment complete.",
					"type": "authorized"
				},
				"paid": true,
				"payment_intent": null,
				"payment_method": "card_1PgaftB7WZ01zgkWm3waTcFp",
				"payment_method_details": {
					"card": {
						"amount_authorized": null,
						"brand": "visa",
						"checks": {
							"address_line1_check": null,
							"address_postal_code_check": null,
							"cvc_check": "pass"
						},
						"country": "US",
						"exp_month": 8,
						"exp_year": 2030,
						"extended_authorization": {
							"status": "disabled"
						},
						"fingerprint": "AOB934RVNwzk6xtn",
						"funding": "credit",
						"incremental_authorization": {
							"status": "unavailable"
						},
						"installments": {
							"plan": {
								"count": null,
								"interval": null,
								"type": "fixed_count"
							}
						},
						"last4": "4242",
						"mandate": null,
						"multicapture": {
							"status": "unavailable"
						},
						"network": "visa",
						"network_token": {
							"used": false
						},
						"overcapture": {
							"maximum_amount_capturable": 100,
							"status": "unavailable"
						},
						"three_d_secure": {
							"authentication_flow": null,
							"electronic_commerce_indicator": null,
							"exemption_indicator": null,
							"result": null,
							"result_reason": null,
							"transaction_id": null,
							"version": null
						},
						"wallet": {
							"dynamic_last4": null,
							"type": "link"
						},
						"authorization_code": null,
						"regulated_status": null,
						"network_transaction_id": null,
						"transaction_link_id": null
					},
					"type": "card"
				},
				"receipt_email": "jenny.rosen@example.com",
				"receipt_number": null,
				"receipt_url": "https://sangeekp-15t6ai--manage-mydev.dev.stripe.me/receipts/payment/CAcaFwoVYWNjdF8xUGdhZlRCN1daMDF6Z2tXKI_ei7UGMgZv2S_KfiY6LCJrxC7awazgQA9I88krZKw5uuCkZ5Nup2tomEtAbSpdfzjVZHO3ZYP5KFZP",
				"refunded": true,
				"refunds": {
					"data": [
						{
							"amount": 100,
							"balance_transaction": null,
							"charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
							"created": 1721957654,
							"currency": "usd",
							"destination_details": {
								"card": {
									"type": "reversal"
								},
								"type": "card"
							},
							"id": "re_1Pgc72B7WZ01zgkWqPvrRrPE",
							"metadata": {},
							"object": "refund",
							"payment_intent": null,
							"reason": "requested_by_customer",
							"receipt_number": null,
							"source_transfer_reversal": null,
							"status": "succeeded",
							"transfer_reversal": null,
							"customer": null,
							"customer_account": null,
							"payment_method": null
						}
					],
					"has_more": false,
					"object": "list",
					"total_count": 1,
					"url": "/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8/refunds"
				},
				"review": null,
				"shipping": {},
				"source_transfer": null,
				"statement_descriptor": null,
				"statement_descriptor_suffix": null,
				"status": "succeeded",
				"transfer_data": null,
				"transfer_group": null,
				"source": null
			},
			"previous_attributes": {
				"amount_refunded": 0,
				"refunded": false,
				"refunds": {
					"data": [],
					"total_count": 0
				}
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "charge.refunded"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWF13065B2",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954118,
		"data": {
			"object": {
				"amount": 100,
				"amount_captured": 100,
				"amount_refunded": 0,
				"application": null,
				"application_fee": null,
				"application_fee_amount": null,
				"balance_transaction": "txn_1PgaxNB7WZ01zgkWEV3TLf40",
				"billing_details": {
					"address": {
						"city": null,
						"country": null,
						"line1": null,
						"line2": null,
						"postal_code": null,
						"state": null
					},
					"email": "jenny.rosen@example.com",
					"name": "Jenny Rosen",
					"phone": null,
					"tax_id": null
				},
				"calculated_statement_descriptor": null,
				"captured": true,
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"description": "My First Test Charge (created for API docs)",
				"disputed": false,
				"failure_balance_transaction": null,
				"failure_code": null,
				"failure_message": null,
				"fraud_details": {},
				"id": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
				"livemode": false,
				"metadata": {},
				"object": "charge",
				"on_behalf_of": null,
				"outcome": {
					"advice_code": null,
					"network_advice_code": null,
					"network_decline_code": null,
					"network_status": "approved_by_network",
					"reason": null,
					"risk_level": "normal",
					"seller_message": "Payment complete.",
					"type": "authorized"
				},
				"paid": true,
				"payment_intent": null,
				"payment_method": "card_1PgaftB7WZ01zgkWm3waTcFp",
				"payment_method_details": {
					"card": {
						"amount_authorized": null,
						"brand": "visa",
						"checks": {
							"address_line1_check": null,
							"address_postal_code_check": null,
							"cvc_check": "pass"
						},
						"country": "US",
						"exp_month": 8,
						"exp_year": 2030,
						"extended_authorization": {
							"status": "disabled"
						},
						"fingerprint": "AOB934RVNwzk6xtn",
						"funding": "credit",
						"incremental_authorization": {
							"status": "unavailable"
						},
						"installments": {
							"plan": {
								"count": null,
								"interval": null,
								"type": "fixed_count"
							}
						},
						"last4": "4242",
						"mandate": null,
						"multicapture": {
							"status": "unavailable"
						},
						"network": "visa",
						"network_token": {
							"used": false
						},
						"overcapture": {
							"maximum_amount_capturable": 100,
							"status": "unavailable"
						},
						"three_d_secure": {
							"authentication_flow": null,
							"electronic_commerce_indicator": null,
							"exemption_indicator": null,
							"result": null,
							"result_reason": null,
							"transaction_id": null,
							"version": null
						},
						"wallet": {
							"dynamic_last4": null,
							"type": "link"
						},
						"authorization_code": null,
						"regulated_status": null,
						"network_transaction_id": null,
						"transaction_link_id": null
					},
					"type": "card"
				},
				"receipt_email": "jenny.rosen@example.com",
				"receipt_number": null,
				"receipt_url": "https://sangeekp-15t6ai--manage-mydev.dev.stripe.me/receipts/payment/CAcaFwoVYWNjdF8xUGdhZlRCN1daMDF6Z2tXKI_ei7UGMgZv2S_KfiY6LCJrxC7awazgQA9I88krZKw5uuCkZ5Nup2tomEtAbSpdfzjVZHO3ZYP5KFZP",
				"refunded": false,
				"refunds": {
					"data": [],
					"has_more": false,
					"object": "list",
					"url": "/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8/refunds"
				},
				"review": null,
				"shipping": {},
				"source_transfer": null,
				"statement_descriptor": null,
				"statement_descriptor_suffix": null,
				"status": "succeeded",
				"transfer_data": null,
				"transfer_group": null,
				"source": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "charge.succeeded"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWCC2FB1A2",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954119,
		"data": {
			"object": {
				"after_expiration": {
					"recovery": {
						"allow_promotion_codes": true,
						"enabled": true,
						"expires_at": null,
						"url": null
					}
				},
				"allow_promotion_codes": null,
				"amount_subtotal": 1099,
				"amount_total": 1099,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"status": null,
					"provider": null
				},
				"billing_address_collection": null,
				"cancel_url": "https://example.com/cancel",
				"client_reference_id": null,
				"client_secret": null,
				"consent": {
					"promotions": null,
					"terms_of_service": null
				},
				"consent_collection": {
					"payment_method_reuse_agreement": {
						"position": "hidden"
					},
					"promotions": null,
					"terms_of_service": null
				},
				"created": 1721954054,
				"currency": "usd",
				"custom_fields": [],
				"custom_text": {
					"after_submit": {
						"message": "message"
					},
					"shipping_address": {
						"message": "message"
					},
					"submit": {
						"message": "message"
					},
					"terms_of_service_acceptance": {
						"message": "message"
					}
				},
				"customer": "cus_QXg1o8vcGmoR32",
				"customer_creation": null,
				"customer_details": {
					"address": {
						"city": null,
						"country": null,
						"line1": null,
						"line2": null,
						"postal_code": null,
						"state": null
					},
					"email": "example@example.com",
					"name": "Jenny Rosen",
					"phone": null,
					"tax_exempt": "none",
					"tax_ids": null,
					"business_name": null,
					"individual_name": null
				},
				"customer_email": null,
				"expires_at": 1721954054,
				"id": "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY",
				"invoice": null,
				"invoice_creation": {
					"enabled": true,
					"invoice_data": {
						"account_tax_ids": null,
						"custom_fields": null,
						"description": null,
						"footer": null,
						"issuer": {
							"type": "account"
						},
						"metadata": null,
						"rendering_options": {
							"amount_tax_display": null,
							"template": null
						}
					}
				},
				"livemode": false,
				"locale": null,
				"metadata": {},
				"mode": "payment",
				"object": "checkout.session",
				"payment_intent": "pi_1PgafyB7WZ01zgkWSjxsAJo3",
				"payment_link": null,
				"payment_method_collection": null,
				"payment_method_configuration_details": {
					"id": "obj_123",
					"parent": null
				},
				"payment_method_options": {},
				"payment_method_types": [
					"card"
				],
				"payment_status": "paid",
				"phone_number_collection": {
					"enabled": false
				},
				"recovered_from": null,
				"saved_payment_method_options": {
					"allow_redisplay_filters": null,
					"payment_method_remove": null,
					"payment_method_save": null
				},
				"setup_intent": null,
				"shipping_address_collection": {
					"allowed_countries": [
						"SC"
					]
				},
				"shipping_cost": {
					"amount_subtotal": 1555417355,
					"amount_tax": 1424534716,
					"amount_total": 1117121693,
					"shipping_rate": null
				},
				"shipping_options": [],
				"status": "complete",
				"submit_type": null,
				"subscription": null,
				"success_url": "https://example.com/success",
				"total_details": {
					"amount_discount": 406046392,
					"amount_shipping": null,
					"amount_tax": 1424534716
				},
				"ui_mode": null,
				"url": null,
				"adaptive_pricing": {
					"enabled": true
				},
				"discounts": null,
				"collected_information": {
					"shipping_details": {
						"address": {
							"city": null,
							"country": null,
							"line1": null,
							"line2": null,
							"postal_code": null,
							"state": null
						},
						"name": "name"
					},
					"business_name": null,
					"individual_name": null
				},
				"permissions": {
					"update_shipping_details": null
				},
				"wallet_options": {},
				"origin_context": null,
				"currency_conversion": {
					"amount_subtotal": 1555417355,
					"amount_total": 1117121693,
					"fx_rate": "291452898",
					"source_currency": "usd"
				},
				"customer_account": null,
				"integration_identifier": null,
				"managed_payments": {
					"enabled": true
				}
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "checkout.session.completed"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWCBC47236",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954124,
		"data": {
			"object": {
				"application": null,
				"application_fee_percent": null,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"disabled_reason": null
				},
				"billing_cycle_anchor": 1721954054,
				"billing_cycle_anchor_config": null,
				"cancel_at": null,
				"canceled_at": null,
				"cancellation_details": {
					"comment": null,
					"feedback": null,
					"reason": null
				},
				"collection_method": "charge_automatically",
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"days_until_due": null,
				"default_payment_method": null,
				"default_source": null,
				"default_tax_rates": [],
				"description": null,
				"discounts": [],
				"ended_at": null,
				"id": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
				"invoice_settings": {
					"account_tax_ids": null,
					"issuer": {
						"type": "self"
					},
					"custom_fields": null,
					"description": null,
					"footer": null
				},
				"items": {
					"data": [
						{
							"created": 1721954054,
							"discounts": [],
							"id": "si_QXhVnC2h0Jczwc",
							"metadata": {},
							"object": "subscription_item",
							"price": {
								"active": true,
								"billing_scheme": "per_unit",
								"created": 1721948530,
								"currency": "usd",
								"custom_unit_amount": {
									"maximum": null,
									"minimum": null,
									"preset": null
								},
								"id": "price_1PgafmB7WZ01zgkW6dKueIc5",
								"livemode": false,
								"lookup_key": null,
								"metadata": {},
								"nickname": null,
								"object": "price",
								"product": "prod_QXg1hqf4jFNsqG",
								"recurring": {
									"interval": "month",
									"interval_count": 1,
									"meter": null,
									"usage_type": "licensed",
									"trial_period_days": null
								},
								"tax_behavior": "unspecified",
								"tiers_mode": null,
								"transform_quantity": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"type": "recurring",
								"unit_amount": 2000,
								"unit_amount_decimal": "2000"
							},
							"quantity": 1,
							"subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
							"tax_rates": [],
							"plan": {
								"active": true,
								"amount": null,
								"amount_decimal": null,
								"billing_scheme": "tiered",
								"created": 1028554472,
								"currency": "currency",
								"id": "obj_123",
								"interval": "month",
								"interval_count": 797691627,
								"livemode": true,
								"metadata": null,
								"meter": null,
								"nickname": null,
								"object": "plan",
								"product": null,
								"tiers_mode": null,
								"transform_usage": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"trial_period_days": null,
								"usage_type": "licensed"
							},
							"current_period_end": 1724632454,
							"current_period_start": 1721954054,
							"billing_thresholds": {
								"usage_gte": null
							}
						}
					],
					"has_more": false,
					"object": "list",
					"url": "/v1/subscription_items?subscription=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
				},
				"latest_invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
				"livemode": false,
				"metadata": {},
				"next_pending_invoice_item_invoice": null,
				"object": "subscription",
				"on_behalf_of": null,
				"pause_collection": null,
				"payment_settings": {
					"payment_method_options": {
						"acss_debit": {},
						"bancontact": {
							"preferred_language": "fr"
						},
						"card": {
							"network": null,
							"request_three_d_secure": null
						},
						"customer_balance": {
							"funding_type": null
						},
						"konbini": {},
						"sepa_debit": {},
						"us_bank_account": {},
						"payto": {},
						"pix": {},
						"upi": {}
					},
					"payment_method_types": null,
					"save_default_payment_method": null
				},
				"pending_invoice_item_interval": null,
				"pending_setup_intent": null,
				"pending_update": null,
				"schedule": null,
				"start_date": 1721954054,
				"status": "active",
				"test_clock": null,
				"transfer_data": null,
				"trial_end": null,
				"trial_settings": {
					"end_behavior": {
						"missing_payment_method": "create_invoice"
					}
				},
				"trial_start": null,
				"cancel_at_period_end": false,
				"billing_thresholds": {
					"amount_gte": null,
					"reset_billing_cycle_anchor": null
				},
				"billing_mode": {
					"type": "classic",
					"flexible": {}
				},
				"customer_account": null,
				"managed_payments": {
					"enabled": true
				},
				"billing_schedules": []
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "customer.subscription.created"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkW5F2A95AC",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1724632514,
		"data": {
			"object": {
				"application": null,
				"application_fee_percent": null,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"disabled_reason": null
				},
				"billing_cycle_anchor": 1721954054,
				"billing_cycle_anchor_config": null,
				"cancel_at": 1724632454,
				"canceled_at": 1722040454,
				"cancellation_details": {
					"comment": null,
					"feedback": "too_expensive",
					"reason": "cancellation_requested"
				},
				"collection_method": "charge_automatically",
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"days_until_due": null,
				"default_payment_method": null,
				"default_source": null,
				"default_tax_rates": [],
				"description": null,
				"discounts": [],
				"ended_at": 1724632454,
				"id": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
				"invoice_settings": {
					"account_tax_ids": null,
					"issuer": {
						"type": "self"
					},
					"custom_fields": null,
					"description": null,
					"footer": null
				},
				"items": {
					"data": [
						{
							"created": 1721954054,
							"discounts": [],
							"id": "si_QXhVnC2h0Jczwc",
							"metadata": {},
							"object": "subscription_item",
							"price": {
								"active": true,
								"billing_scheme": "per_unit",
								"created": 1721948530,
								"currency": "usd",
								"custom_unit_amount": {
									"maximum": null,
									"minimum": null,
									"preset": null
								},
								"id": "price_1PgafmB7WZ01zgkW6dKueIc5",
								"livemode": false,
								"lookup_key": null,
								"metadata": {},
								"nickname": null,
								"object": "price",
								"product": "prod_QXg1hqf4jFNsqG",
								"recurring": {
									"interval": "month",
									"interval_count": 1,
									"meter": null,
									"usage_type": "licensed",
									"trial_period_days": null
								},
								"tax_behavior": "unspecified",
								"tiers_mode": null,
								"transform_quantity": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"type": "recurring",
								"unit_amount": 2000,
								"unit_amount_decimal": "2000"
							},
							"quantity": 1,
							"subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
							"tax_rates": [],
							"plan": {
								"active": true,
								"amount": null,
								"amount_decimal": null,
								"billing_scheme": "tiered",
								"created": 1028554472,
								"currency": "currency",
								"id": "obj_123",
								"interval": "month",
								"interval_count": 797691627,
								"livemode": true,
								"metadata": null,
								"meter": null,
								"nickname": null,
								"object": "plan",
								"product": null,
								"tiers_mode": null,
								"transform_usage": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"trial_period_days": null,
								"usage_type": "licensed"
							},
							"current_period_end": 1724632454,
							"current_period_start": 1721954054,
							"billing_thresholds": {
								"usage_gte": null
							}
						}
					],
					"has_more": false,
					"object": "list",
					"url": "/v1/subscription_items?subscription=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
				},
				"latest_invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
				"livemode": false,
				"metadata": {},
				"next_pending_invoice_item_invoice": null,
				"object": "subscription",
				"on_behalf_of": null,
				"pause_collection": null,
				"payment_settings": {
					"payment_method_options": {
						"acss_debit": {},
						"bancontact": {
							"preferred_language": "fr"
						},
						"card": {
							"network": null,
							"request_three_d_secure": null
						},
						"customer_balance": {
							"funding_type": null
						},
						"konbini": {},
						"sepa_debit": {},
						"us_bank_account": {},
						"payto": {},
						"pix": {},
						"upi": {}
					},
					"payment_method_types": null,
					"save_default_payment_method": null
				},
				"pending_invoice_item_interval": null,
				"pending_setup_intent": null,
				"pending_update": null,
				"schedule": null,
				"start_date": 1721954054,
				"status": "canceled",
				"test_clock": null,
				"transfer_data": null,
				"trial_end": null,
				"trial_settings": {
					"end_behavior": {
						"missing_payment_method": "create_invoice"
					}
				},
				"trial_start": null,
				"cancel_at_period_end": true,
				"billing_thresholds": {
					"amount_gte": null,
					"reset_billing_cycle_anchor": null
				},
				"billing_mode": {
					"type": "classic",
					"flexible": {}
				},
				"customer_account": null,
				"managed_payments": {
					"enabled": true
				},
				"billing_schedules": []
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "customer.subscription.deleted"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkW2E1F46B5",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1722040514,
		"data": {
			"object": {
				"application": null,
				"application_fee_percent": null,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"disabled_reason": null
				},
				"billing_cycle_anchor": 1721954054,
				"billing_cycle_anchor_config": null,
				"cancel_at": 1724632454,
				"canceled_at": 1722040454,
				"cancellation_details": {
					"comment": null,
					"feedback": "too_expensive",
					"reason": "cancellation_requested"
				},
				"collection_method": "charge_automatically",
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"days_until_due": null,
				"default_payment_method": null,
				"default_source": null,
				"default_tax_rates": [],
				"description": null,
				"discounts": [],
				"ended_at": null,
				"id": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
				"invoice_settings": {
					"account_tax_ids": null,
					"issuer": {
						"type": "self"
					},
					"custom_fields": null,
					"description": null,
					"footer": null
				},
				"items": {
					"data": [
						{
							"created": 1721954054,
							"discounts": [],
							"id": "si_QXhVnC2h0Jczwc",
							"metadata": {},
							"object": "subscription_item",
							"price": {
								"active": true,
								"billing_scheme": "per_unit",
								"created": 1721948530,
								"currency": "usd",
								"custom_unit_amount": {
									"maximum": null,
									"minimum": null,
									"preset": null
								},
								"id": "price_1PgafmB7WZ01zgkW6dKueIc5",
								"livemode": false,
								"lookup_key": null,
								"metadata": {},
								"nickname": null,
								"object": "price",
								"product": "prod_QXg1hqf4jFNsqG",
								"recurring": {
									"interval": "month",
									"interval_count": 1,
									"meter": null,
									"usage_type": "licensed",
									"trial_period_days": null
								},
								"tax_behavior": "unspecified",
								"tiers_mode": null,
								"transform_quantity": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"type": "recurring",
								"unit_amount": 2000,
								"unit_amount_decimal": "2000"
							},
							"quantity": 1,
							"subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
							"tax_rates": [],
							"plan": {
								"active": true,
								"amount": null,
								"amount_decimal": null,
								"billing_scheme": "tiered",
								"created": 1028554472,
								"currency": "currency",
								"id": "obj_123",
								"interval": "month",
								"interval_count": 797691627,
								"livemode": true,
								"metadata": null,
								"meter": null,
								"nickname": null,
								"object": "plan",
								"product": null,
								"tiers_mode": null,
								"transform_usage": {
									"divide_by": 1592560163,
									"round": "down"
								},
								"trial_period_days": null,
								"usage_type": "licensed"
							},
							"current_period_end": 1724632454,
							"current_period_start": 1721954054,
							"billing_thresholds": {
								"usage_gte": null
							}
						}
					],
					"has_more": false,
					"object": "list",
					"url": "/v1/subscription_items?subscription=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"
				},
				"latest_invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
				"livemode": false,
				"metadata": {},
				"next_pending_invoice_item_invoice": null,
				"object": "subscription",
				"on_behalf_of": null,
				"pause_collection": null,
				"payment_settings": {
					"payment_method_options": {
						"acss_debit": {},
						"bancontact": {
							"preferred_language": "fr"
						},
						"card": {
							"network": null,
							"request_three_d_secure": null
						},
						"customer_balance": {
							"funding_type": null
						},
						"konbini": {},
						"sepa_debit": {},
						"us_bank_account": {},
						"payto": {},
						"pix": {},
						"upi": {}
					},
					"payment_method_types": null,
					"save_default_payment_method": null
				},
				"pending_invoice_item_interval": null,
				"pending_setup_intent": null,
				"pending_update": null,
				"schedule": null,
				"start_date": 1721954054,
				"status": "active",
				"test_clock": null,
				"transfer_data": null,
				"trial_end": null,
				"trial_settings": {
					"end_behavior": {
						"missing_payment_method": "create_invoice"
					}
				},
				"trial_start": null,
				"cancel_at_period_end": true,
				"billing_thresholds": {
					"amount_gte": null,
					"reset_billing_cycle_anchor": null
				},
				"billing_mode": {
					"type": "classic",
					"flexible": {}
				},
				"customer_account": null,
				"managed_payments": {
					"enabled": true
				},
				"billing_schedules": []
			},
			"previous_attributes": {
				"cancel_at": null,
				"cancel_at_period_end": false,
				"canceled_at": null,
				"cancellation_details": {
					"feedback": null,
					"reason": null
				}
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "customer.subscription.updated"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkW2BA473D1",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954134,
		"data": {
			"object": {
				"address": {
					"city": "San Francisco",
					"country": "US",
					"line1": "510 Townsend St",
					"line2": null,
					"postal_code": "94103",
					"state": "CA"
				},
				"balance": 0,
				"created": 1721954054,
				"currency": "usd",
				"default_source": null,
				"delinquent": false,
				"description": null,
				"discount": null,
				"email": "jenny.rosen@example.com",
				"id": "cus_QXg1o8vcGmoR32",
				"invoice_prefix": "7FE1103",
				"invoice_settings": {
					"custom_fields": null,
					"default_payment_method": null,
					"footer": null,
					"rendering_options": {
						"amount_tax_display": null,
						"template": null
					}
				},
				"livemode": false,
				"metadata": {},
				"name": "Jenny Rosen",
				"next_invoice_sequence": 1,
				"object": "customer",
				"phone": "+14155550123",
				"preferred_locales": [],
				"shipping": {},
				"tax_exempt": "none",
				"test_clock": null
			},
			"previous_attributes": {
				"address": {
					"city": null,
					"country": null,
					"line1": null,
					"line2": null,
					"postal_code": null,
					"state": null
				},
				"email": null,
				"name": null,
				"phone": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "customer.updated"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWB7429647",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954114,
		"data": {
			"object": {
				"account_country": "US",
				"account_name": null,
				"account_tax_ids": null,
				"amount_due": 1000,
				"amount_paid": 1000,
				"amount_remaining": 0,
				"amount_shipping": 0,
				"application": null,
				"attempt_count": 1,
				"attempted": true,
				"auto_advance": false,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"status": null,
					"disabled_reason": null,
					"provider": null
				},
				"billing_reason": "manual",
				"collection_method": "charge_automatically",
				"created": 1721954054,
				"currency": "usd",
				"custom_fields": null,
				"customer": "cus_QXg1o8vcGmoR32",
				"customer_address": {
					"city": null,
					"country": null,
					"line1": null,
					"line2": null,
					"postal_code": null,
					"state": null
				},
				"customer_email": "jenny.rosen@example.com",
				"customer_name": "Jenny Rosen",
				"customer_phone": null,
				"customer_shipping": {},
				"customer_tax_exempt": "none",
				"customer_tax_ids": [],
				"default_payment_method": null,
				"default_source": null,
				"default_tax_rates": [],
				"description": null,
				"discounts": [],
				"due_date": 1721954054,
				"effective_at": 1721954054,
				"ending_balance": null,
				"footer": null,
				"from_invoice": {
					"action": "action",
					"invoice": "invoice"
				},
				"hosted_invoice_url": null,
				"id": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
				"invoice_pdf": null,
				"issuer": {
					"type": "self"
				},
				"last_finalization_error": null,
				"latest_revision": null,
				"lines": {
					"data": [
						{
							"amount": 1000,
							"currency": "usd",
							"description": "My First Invoice Item (created for API docs)",
							"discount_amounts": [],
							"discountable": true,
							"discounts": [],
							"id": "il_1Pgc6sB7WZ01zgkWFnxLrLCq",
							"invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
							"livemode": false,
							"metadata": {},
							"object": "line_item",
							"period": {
								"end": 1721954054,
								"start": 1721954054
							},
							"quantity": 1,
							"subscription": null,
							"pretax_credit_amounts": null,
							"taxes": null,
							"parent": {
								"invoice_item_details": {
									"invoice_item": "invoice_item",
									"proration": true,
									"proration_details": {
										"credited_items": {
											"invoice": "invoice",
											"invoice_line_items": [
												"invoice_line_items"
											]
										}
									},
									"subscription": null
								},
								"subscription_item_details": {
									"invoice_item": null,
									"proration": true,
									"proration_details": {
										"credited_items": {
											"invoice": "invoice",
											"invoice_line_items": [
												"invoice_line_items"
											]
										}
									},
									"subscription": "subscription",
									"subscription_item": "subscription_item"
								},
								"type": "invoice_item_details"
							},
							"pricing": {
								"type": "price_details",
								"unit_amount_decimal": null
							},
							"subtotal": 2060319484,
							"quantity_decimal": null
						}
					],
					"has_more": false,
					"object": "list",
					"url": "/v1/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I/lines"
				},
				"livemode": false,
				"metadata": {},
				"next_payment_attempt": null,
				"number": "7FE1103-0001",
				"object": "invoice",
				"on_behalf_of": null,
				"payment_settings": {
					"default_mandate": null,
					"payment_method_options": {
						"acss_debit": {},
						"bancontact": {
							"preferred_language": "fr"
						},
						"card": {
							"request_three_d_secure": null
						},
						"customer_balance": {
							"funding_type": null
						},
						"konbini": {},
						"sepa_debit": {},
						"us_bank_account": {},
						"payto": {},
						"pix": {
							"amount_includes_iof": null
						},
						"upi": {}
					},
					"payment_method_types": null
				},
				"period_end": 1721954054,
				"period_start": 1721954054,
				"post_payment_credit_notes_amount": 0,
				"pre_payment_credit_notes_amount": 0,
				"receipt_number": null,
				"rendering": {
					"amount_tax_display": null,
					"pdf": {
						"page_size": null
					},
					"template": null,
					"template_version": null
				},
				"shipping_cost": {
					"amount_subtotal": 1555417355,
					"amount_tax": 1424534716,
					"amount_total": 1117121693,
					"shipping_rate": null
				},
				"shipping_details": {},
				"starting_balance": 0,
				"statement_descriptor": null,
				"status": "paid",
				"status_transitions": {
					"finalized_at": 1721954054,
					"marked_uncollectible_at": null,
					"paid_at": 1721954114,
					"voided_at": null
				},
				"subscription": null,
				"subtotal": 1000,
				"subtotal_excluding_tax": 1000,
				"test_clock": null,
				"total": 1000,
				"total_discount_amounts": [],
				"total_excluding_tax": 1000,
				"webhooks_delivered_at": 1721954054,
				"automatically_finalizes_at": null,
				"total_pretax_credit_amounts": null,
				"total_taxes": null,
				"amount_overpaid": 149300825,
				"parent": {
					"quote_details": {
						"quote": "quote"
					},
					"subscription_details": {
						"metadata": null,
						"subscription": "subscription"
					},
					"type": "quote_details"
				},
				"customer_account": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "invoice.paid"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkW8C2DE74F",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954115,
		"data": {
			"object": {
				"account_country": "US",
				"account_name": null,
				"account_tax_ids": null,
				"amount_due": 1000,
				"amount_paid": 0,
				"amount_remaining": 1000,
				"amount_shipping": 0,
				"application": null,
				"attempt_count": 1,
				"attempted": true,
				"auto_advance": true,
				"automatic_tax": {
					"enabled": false,
					"liability": {
						"type": "account"
					},
					"status": null,
					"disabled_reason": null,
					"provider": null
				},
				"billing_reason": "manual",
				"collection_method": "charge_automatically",
				"created": 1721954054,
				"currency": "usd",
				"custom_fields": null,
				"customer": "cus_QXg1o8vcGmoR32",
				"customer_address": {
					"city": null,
					"country": null,
					"line1": null,
					"line2": null,
					"postal_code": null,
					"state": null
				},
				"customer_email": "jenny.rosen@example.com",
				"customer_name": "Jenny Rosen",
				"customer_phone": null,
				"customer_shipping": {},
				"customer_tax_exempt": "none",
				"customer_tax_ids": [],
				"default_payment_method": null,
				"default_source": null,
				"default_tax_rates": [],
				"description": null,
				"discounts": [],
				"due_date": 1721954054,
				"effective_at": 1721954054,
				"ending_balance": null,
				"footer": null,
				"from_invoice": {
					"action": "action",
					"invoice": "invoice"
				},
				"hosted_invoice_url": null,
				"id": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
				"invoice_pdf": null,
				"issuer": {
					"type": "self"
				},
				"last_finalization_error": null,
				"latest_revision": null,
				"lines": {
					"data": [
						{
							"amount": 1000,
							"currency": "usd",
							"description": "My First Invoice Item (created for API docs)",
							"discount_amounts": [],
							"discountable": true,
							"discounts": [],
							"id": "il_1Pgc6sB7WZ01zgkWFnxLrLCq",
							"invoice": "in_1Pgc6tB7WZ01zgkWu9fdqL6I",
							"livemode": false,
							"metadata": {},
							"object": "line_item",
							"period": {
								"end": 1721954054,
								"start": 1721954054
							},
							"quantity": 1,
							"subscription": null,
							"pretax_credit_amounts": null,
							"taxes": null,
							"parent": {
								"invoice_item_details": {
									"invoice_item": "invoice_item",
									"proration": true,
									"proration_details": {
										"credited_items": {
											"invoice": "invoice",
											"invoice_line_items": [
												"invoice_line_items"
											]
										}
									},
									"subscription": null
								},
								"subscription_item_details": {
									"invoice_item": null,
									"proration": true,
									"proration_details": {
										"credited_items": {
											"invoice": "invoice",
											"invoice_line_items": [
												"invoice_line_items"
											]
										}
									},
									"subscription": "subscription",
									"subscription_item": "subscription_item"
								},
								"type": "invoice_item_details"
							},
							"pricing": {
								"type": "price_details",
								"unit_amount_decimal": null
							},
							"subtotal": 2060319484,
							"quantity_decimal": null
						}
					],
					"has_more": false,
					"object": "list",
					"url": "/v1/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I/lines"
				},
				"livemode": false,
				"metadata": {},
				"next_payment_attempt": 1722213254,
				"number": "7FE1103-0002",
				"object": "invoice",
				"on_behalf_of": null,
				"payment_settings": {
					"default_mandate": null,
					"payment_method_options": {
						"acss_debit": {},
						"bancontact": {
							"preferred_language": "fr"
						},
						"card": {
							"request_three_d_secure": null
						},
						"customer_balance": {
							"funding_type": null
						},
						"konbini": {},
						"sepa_debit": {},
						"us_bank_account": {},
						"payto": {},
						"pix": {
							"amount_includes_iof": null
						},
						"upi": {}
					},
					"payment_method_types": null
				},
				"period_end": 1721954054,
				"period_start": 1721954054,
				"post_payment_credit_notes_amount": 0,
				"pre_payment_credit_notes_amount": 0,
				"receipt_number": null,
				"rendering": {
					"amount_tax_display": null,
					"pdf": {
						"page_size": null
					},
					"template": null,
					"template_version": null
				},
				"shipping_cost": {
					"amount_subtotal": 1555417355,
					"amount_tax": 1424534716,
					"amount_total": 1117121693,
					"shipping_rate": null
				},
				"shipping_details": {},
				"starting_balance": 0,
				"statement_descriptor": null,
				"status": "open",
				"status_transitions": {
					"finalized_at": 1721954054,
					"marked_uncollectible_at": null,
					"paid_at": null,
					"voided_at": null
				},
				"subscription": null,
				"subtotal": 1000,
				"subtotal_excluding_tax": 1000,
				"test_clock": null,
				"total": 1000,
				"total_discount_amounts": [],
				"total_excluding_tax": 1000,
				"webhooks_delivered_at": 1721954054,
				"automatically_finalizes_at": null,
				"total_pretax_credit_amounts": null,
				"total_taxes": null,
				"amount_overpaid": 149300825,
				"parent": {
					"quote_details": {
						"quote": "quote"
					},
					"subscription_details": {
						"metadata": null,
						"subscription": "subscription"
					},
					"type": "quote_details"
				},
				"customer_account": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "invoice.payment_failed"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWA5D6CAD0",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954117,
		"data": {
			"object": {
				"amount": 1099,
				"amount_capturable": 0,
				"amount_details": {
					"tip": {}
				},
				"amount_received": 0,
				"application": null,
				"application_fee_amount": null,
				"automatic_payment_methods": {
					"enabled": true
				},
				"canceled_at": null,
				"cancellation_reason": null,
				"capture_method": "automatic",
				"client_secret": "pi_1PgafyB7WZ01zgkWSjxsAJo3_secret_Dm43xiq1k0ywrRRjDoi8y1gkM",
				"confirmation_method": "automatic",
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"description": "Order #1043",
				"id": "pi_1PgafyB7WZ01zgkWSjxsAJo3",
				"last_payment_error": {
					"charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
					"code": "card_declined",
					"decline_code": "generic_decline",
					"doc_url": "https://stripe.com/docs/error-codes/card-declined",
					"message": "Your card was declined.",
					"type": "card_error"
				},
				"latest_charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
				"livemode": false,
				"metadata": {},
				"next_action": null,
				"object": "payment_intent",
				"on_behalf_of": null,
				"payment_method": null,
				"payment_method_configuration_details": null,
				"payment_method_options": {},
				"payment_method_types": [
					"card"
				],
				"processing": null,
				"receipt_email": "jenny.rosen@example.com",
				"review": null,
				"setup_future_usage": null,
				"shipping": {},
				"statement_descriptor": null,
				"statement_descriptor_suffix": null,
				"status": "requires_payment_method",
				"transfer_data": null,
				"transfer_group": null,
				"source": null,
				"excluded_payment_method_types": null,
				"customer_account": null,
				"managed_payments": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "payment_intent.payment_failed"
	},
	{
		"id": "evt_1Pgc76B7WZ01zgkWA3994CA8",
		"object": "event",
		"api_version": "2026-07-29.dahlia",
		"created": 1721954116,
		"data": {
			"object": {
				"amount": 1099,
				"amount_capturable": 0,
				"amount_details": {
					"tip": {}
				},
				"amount_received": 1099,
				"application": null,
				"application_fee_amount": null,
				"automatic_payment_methods": {
					"enabled": true
				},
				"canceled_at": null,
				"cancellation_reason": null,
				"capture_method": "automatic",
				"client_secret": "pi_1PgafyB7WZ01zgkWSjxsAJo3_secret_Dm43xiq1k0ywrRRjDoi8y1gkM",
				"confirmation_method": "automatic",
				"created": 1721954054,
				"currency": "usd",
				"customer": "cus_QXg1o8vcGmoR32",
				"description": "Order #1042",
				"id": "pi_1PgafyB7WZ01zgkWSjxsAJo3",
				"last_payment_error": null,
				"latest_charge": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
				"livemode": false,
				"metadata": {},
				"next_action": null,
				"object": "payment_intent",
				"on_behalf_of": null,
				"payment_method": "pm_1PgafuB7WZ01zgkWpkvaxXYZ",
				"payment_method_configuration_details": null,
				"payment_method_options": {},
				"payment_method_types": [
					"card"
				],
				"processing": null,
				"receipt_email": "jenny.rosen@example.com",
				"review": null,
				"setup_future_usage": null,
				"shipping": {},
				"statement_descriptor": null,
				"statement_descriptor_suffix": null,
				"status": "succeeded",
				"transfer_data": null,
				"transfer_group": null,
				"source": null,
				"excluded_payment_method_types": null,
				"customer_account": null,
				"managed_payments": null,
				"transfer_data/payment_method_configuration_details/managed_payments": null
			}
		},
		"livemode": false,
		"pending_webhooks": 1,
		"request": {
			"id": null,
			"idempotency_key": null
		},
		"type": "payment_intent.succeeded"
	}
];
